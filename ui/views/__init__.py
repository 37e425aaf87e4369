"""The main window's pages; each refreshes itself from change descriptors."""

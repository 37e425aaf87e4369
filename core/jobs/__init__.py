"""Jobs: postings, requirement parsing, occupation classification, evidence ladder, scoring."""

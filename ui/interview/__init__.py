"""The interview chat panel (dockable beside the knowledge table)."""

from ui.interview.panel import InterviewPanel

__all__ = ["InterviewPanel"]

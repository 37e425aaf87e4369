"""Getting in: the first-run wizard, the unlock dialog and the profile switcher."""

from ui.welcome.unlock import UnlockDialog
from ui.welcome.wizard import FirstRunWizard

__all__ = ["FirstRunWizard", "UnlockDialog"]

"""The not-medical-advice sentence every vitk2 rendering for people carries.

It lives in its own module so that submodules (interaction reports, schedules) can import it
without importing the package ``vitk2`` itself, which would be a cycle.
"""

from __future__ import annotations

from typing import Final

__all__ = ["NOT_MEDICAL_ADVICE"]

#: The sentence every human-facing vitk2 report carries.
NOT_MEDICAL_ADVICE: Final = (
    "vitk2 is not medical advice. It converts, compares and cites published figures; "
    "decisions about doses and medicines belong to a clinician who knows the patient."
)

"""The printed forms (毕业生申请表, 毕业生登记表): FormData in, an A4 PDF with an embedded CJK font out."""
from .fonts import unsupported_characters, unsupported_message
from .model import Candidate, CourseRow, FormData, PriorEducation, ResumeEntry
from .render import FORM_IDS, FormError, render_form

__all__ = ["FORM_IDS", "Candidate", "CourseRow", "FormData", "FormError", "PriorEducation", "ResumeEntry",
           "render_form", "unsupported_characters", "unsupported_message"]

"""The eligibility function's API: audits, what-if, 顶替 choices."""
from functions.common.web import create_function_app

app = create_function_app("eligibility")

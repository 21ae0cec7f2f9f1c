"""Helpers the tests share: people who apply (applying), a signed-in HTTP client of the running portal
(portal_client), a review world of many applications (review_world), every route with a valid body (routes),
pictures for uploads (pictures), the scan of every log line for personal data (log_scan), and the profile and
refusal helpers of the pure rules' unit tests (rule_checks)."""

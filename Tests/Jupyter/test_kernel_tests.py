"""The community's conformance suite, jupyter_kernel_test, run in full against the kernel."""

from __future__ import annotations

import unittest

import jupyter_kernel_test

import harness

S = harness.SAMPLES


class KernelConformance(jupyter_kernel_test.KernelTests):
    """Every check jupyter_kernel_test has; none is left to its skip-if-empty default."""

    kernel_name = harness.KERNEL_NAME
    language_name = S.language_name
    file_extension = S.file_extension

    code_hello_world = S.hello_world
    code_stderr = S.stderr
    completion_samples = [{"text": S.completion_prefix, "matches": {S.completion_match}}]
    complete_code_samples = S.complete
    incomplete_code_samples = S.incomplete
    invalid_code_samples = S.invalid
    code_page_something = S.page
    code_generate_error = S.syntax_error
    code_execute_result = S.execute_result
    code_display_data = S.display_data
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = S.history_pattern
    code_inspect_sample = S.inspect
    code_clear_output = S.clear_output

    if harness.KERNEL_NAME == "python3":
        # Only on the harness's own proof run against ipykernel.
        test_history = unittest.skip(
            "ipykernel numbers the current session 0 in history range replies, "
            "where jupyter_kernel_test expects the session number that tail gave"
        )(jupyter_kernel_test.KernelTests.test_history)


class IopubWelcome(jupyter_kernel_test.IopubWelcomeTests):
    """Protocol 5.5: the kernel greets each new iopub subscriber, so no output is lost."""

    kernel_name = harness.KERNEL_NAME
    support_iopub_welcome = True

"""The jupyter_kernel_test suite for what the kernel supports.

Deliberate skips (attributes left unset, so the suite skips those tests):
- code_page_something (test_pager): the kernel has no pager payloads; documentation comes through inspect.
- code_clear_output (test_clear_output): rapaio offers no clear_output call to notebook code.
- invalid_code_samples (is_complete "invalid"): JShell's completeness analysis, which the kernel answers with,
  calls terminated but wrong input complete (`int 1x = 2;` is "complete"); the compiler reports it on execution.
- code_generate_error (test_error): the suite expects an error without output; errors are covered by
  test_interrupt.py and the notebook tests instead.
"""
import unittest

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

from conftest import KERNEL


class MetalearnKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"
    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"a" + "b"', "result": "ab"}]
    code_display_data = [
        {"code": 'show(Table.create("empty table"));', "mime": "text/html"},
        {"code": 'show(new XYChartBuilder().width(200).height(100).build());', "mime": "image/png"},
    ]
    completion_samples = [{"text": "System.out.prin", "matches": {"print(", "println(", "printf("}}]
    # Shift+Tab on a DSL step: its Javadoc from the DSL sources (KernelLauncher / DslDocs)
    code_inspect_sample = "meta().reptile().innerSteps"
    complete_code_samples = ["6 * 7", "int x = 1;", 'System.out.println("x");']
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "meta().reptile()\n    .innerSteps(", 'String s = "a" +']
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * *"

    def test_completion_after_meta_lists_the_steps_without_objects_methods(self):
        """Tab after `meta().`: the DSL's steps, none of java.lang.Object's methods (KernelLauncher, DslCompletions)."""
        self.flush_channels()
        msg_id = self.kc.complete("meta().")
        reply = self.get_non_kernel_info_reply()
        validate_message(reply, "complete_reply", msg_id)
        matches = reply["content"]["matches"]
        self.assertIn("reptile()", matches)
        for hidden in ("wait(", "wait()", "notify()", "notifyAll()", "equals(", "hashCode()", "getClass()",
                       "toString()"):
            self.assertNotIn(hidden, matches)
        print("completions of meta().:", matches)


if __name__ == "__main__":
    unittest.main()

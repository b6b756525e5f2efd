package org.graalmp.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The outcome rules that judge racy samples accept what the race allows, and nothing else. */
class SampleRulesTests {

    @Test
    void s003ManagedDictInEveryOrderTheChildrensWritesAllow() {
        assertTrue(SampleRules.managedDictAsWritten(
                "{0: '1', '2': 2, 0.25: None, 1: '1', 2: '1', 3: '1', 4: '1', 5: '1', 6: '1', 7: '1', 8: '1', 9: '1'}"),
                "children one after the other (CPython's usual run)");
        assertTrue(SampleRules.managedDictAsWritten(
                "{3: '1', 0: '1', '2': 2, 1: '1', 0.25: None, 2: '1', 4: '1', 5: '1', 6: '1', 7: '1', 8: '1', 9: '1'}"),
                "children interleaved");
        assertFalse(SampleRules.managedDictAsWritten(
                "{'2': 2, 0: '1', 0.25: None, 1: '1', 2: '1', 3: '1', 4: '1', 5: '1', 6: '1', 7: '1', 8: '1', 9: '1'}"),
                "'2' cannot come before every child's key");
        assertFalse(SampleRules.managedDictAsWritten(
                "{0: '1', 0.25: None, '2': 2, 1: '1', 2: '1', 3: '1', 4: '1', 5: '1', 6: '1', 7: '1', 8: '1', 9: '1'}"),
                "0.25 is written after '2'");
        assertFalse(SampleRules.managedDictAsWritten(
                "{0: '1', '2': 2, 0.25: None, 1: '1', 2: '1', 3: '1', 4: '1', 5: '1', 6: '1', 7: '1', 8: '1'}"),
                "a child's key is missing");
    }
}

package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @AfterEach
    void clear() {
        System.clearProperty("metalearn.mode");
        System.clearProperty("metalearn.quickScale");
    }

    @Test
    void quickByDefaultPaperOnRequestAndScaledQuickBudgets() {
        System.setProperty("metalearn.mode", "quick");
        System.setProperty("metalearn.quickScale", "1"); // properties win over the environment
        assertEquals(3_000, Budget.pick(3_000, 30_000));
        System.setProperty("metalearn.quickScale", "0.03");
        assertEquals(90, Budget.pick(3_000, 30_000));
        assertEquals(1, Budget.pick(10, 100), "never below one");
        System.setProperty("metalearn.mode", "paper");
        assertEquals(30_000, Budget.pick(3_000, 30_000), "paper mode ignores the quick scale");
        assertEquals("paper", Budget.mode());
    }

    @Test
    void aBadScaleIsRejectedClearly() {
        System.setProperty("metalearn.mode", "quick");
        System.setProperty("metalearn.quickScale", "-1");
        assertEquals("METALEARN_QUICK_SCALE must be > 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> Budget.pick(5, 10)).getMessage());
    }
}

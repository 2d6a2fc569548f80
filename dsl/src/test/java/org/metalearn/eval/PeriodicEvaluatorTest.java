package org.metalearn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which meta-iterations a schedule evaluates, against lists written out by hand. */
class PeriodicEvaluatorTest {
    private static List<Long> evaluated(long total, long every, int factor) {
        List<Long> at = new ArrayList<>();
        for (long i = 1; i <= total; i++) {
            if (PeriodicEvaluator.due(i, total, every, factor)) {
                at.add(i);
            }
        }
        return at;
    }

    @Test
    void everyMultipleOrOnlyTheEnd() {
        assertEquals(List.of(4L, 8L, 10L), evaluated(10, 4, 1));
        assertEquals(List.of(10L), evaluated(10, 0, 1));
        assertEquals(List.of(5L, 10L), evaluated(10, 5, 1));
    }

    @Test
    void geometricAtTheRungsOfAHalvingSearch() {
        // rungs 111, 333, 999 and the budget 3000 (eta 3); not 222, 444, ..., 888, nor 1998, nor 2997 (3 short of
        // the end)
        assertEquals(List.of(111L, 333L, 999L, 3000L), evaluated(3000, 111, 3));
        assertEquals(List.of(111L, 333L, 999L, 2997L, 9000L), evaluated(9000, 111, 3));
        assertEquals(List.of(100L, 200L, 400L, 1000L), evaluated(1000, 100, 2));
        assertEquals(List.of(30L, 90L, 270L, 810L), evaluated(810, 30, 3));
        // 2 x 3 = 6 is a multiple of every but not a power of the factor
        assertEquals(List.of(1L, 3L, 10L), evaluated(10, 1, 3));
        assertEquals(List.of(1L, 3L, 9L, 27L), evaluated(27, 1, 3));
    }
}

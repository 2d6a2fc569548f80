package org.metalearn.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearScheduleTest {

    @Test
    void annealsLinearlyFromStartToEndOverTheRun() {
        // eps_i = (1 - i/M) start + (i/M) end, hand-computed for M = 4
        LinearSchedule s = new LinearSchedule(1.0, 0.0);
        assertEquals(1.0, s.at(0, 4), 1e-15);
        assertEquals(0.75, s.at(1, 4), 1e-15);
        assertEquals(0.5, s.at(2, 4), 1e-15);
        assertEquals(0.25, s.at(3, 4), 1e-15);
    }

    @Test
    void interpolatesBetweenNonZeroEnds() {
        LinearSchedule s = new LinearSchedule(0.1, 0.02);
        assertEquals(0.1, s.at(0, 10), 1e-15);
        assertEquals(0.9 * 0.1 + 0.1 * 0.02, s.at(1, 10), 1e-15);
        assertEquals(0.5 * 0.1 + 0.5 * 0.02, s.at(5, 10), 1e-15);
    }

    @Test
    void rejectsNegativeSteps() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(-0.1, 0));
        assertEquals("metaStep must be >= 0 and finite, got -0.1", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(1, -1));
        assertEquals("metaStepFinal must be >= 0 and finite, got -1.0", f.getMessage());
    }
}

package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.sine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.metalearn.tasks.Batch;

/**
 * Values a notebook cell may end with print as readable summaries: never as a default {@code toString()}
 * ({@code Class@1a2b3c}, or {@code [F@1a2b3c} for an array inside a record), which the kernel would echo.
 */
class ReadableValuesTest {
    private static final Pattern OBJECT_DUMP = Pattern.compile("[\\w$.]+@[0-9a-f]{5,}");

    @Test
    void dslValuesPrintReadably() {
        List<Object> values = new ArrayList<>();
        var spec = meta().reptile().on(sine()).metaIterations(2).progress(false);
        values.add(spec);
        values.add(meta().maml().on(EvaluationFixture.SYNTHETIC)); // not runnable: says why
        values.add(spec.resolve());
        values.add(spec.plan());
        values.add(sine());
        values.add(EvaluationFixture.SYNTHETIC);
        values.add(Presets.OMNIGLOT_20WAY);
        values.add(Presets.OMNIGLOT_5WAY.optimizer());
        Run run = spec.train();
        values.add(run);
        Batch points = new Batch(new float[] {0f, 1f}, new float[] {0f, 0.5f}, 2);
        values.add(points);
        values.add(run.adapt(points, new float[] {0.5f}, new float[] {0.2f}, 0, 1));
        values.add(EvaluationFixture.spec());
        values.add(EvaluationFixture.spec().tasks(3).result());
        for (Object v : values) {
            String text = String.valueOf(v);
            assertFalse(OBJECT_DUMP.matcher(text).find(), v.getClass().getSimpleName() + " prints " + text);
        }
    }
}

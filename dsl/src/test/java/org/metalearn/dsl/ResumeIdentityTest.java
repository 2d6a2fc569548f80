package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalearn.dsl.Meta.meta;
import static org.metalearn.dsl.Meta.omniglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.metalearn.data.DataDirectory;
import org.metalearn.data.TestData;
import org.metalearn.learn.TrainingListener;
import org.metalearn.models.Convolutions;

/**
 * A checkpoint belongs to its settings: resuming a (killed) Omniglot run with any one setting changed that
 * changes what the run computes must fail with an IllegalArgumentException naming that setting. In process,
 * tiny runs (3 meta-iterations of 2 tasks, a checkpoint every iteration, killed after the second).
 */
class ResumeIdentityTest {
    private static final String CHECKPOINT = "run.ckpt";

    @TempDir
    static Path killed;
    private static String previousDataProperty;

    private static ReptileSpec base() {
        return meta().reptile().on(omniglot()).ways(5).shots(1).trainShots(10).innerAdam(1e-3).innerSteps(2)
                .innerBatch(10).metaBatch(2).metaStep(1.0, 0).metaIterations(3).seed(3).curveRows(3).progress(false);
    }

    @BeforeAll
    static void trainAndKill() {
        Path omniglotDir = TestData.omniglotDirectory();
        previousDataProperty = System.getProperty(DataDirectory.PROPERTY);
        if (!Files.isRegularFile(DataDirectory.root().resolve("omniglot").resolve("images_background.zip"))) {
            // TestData found the shared copy beside the repository; point omniglot() at it instead of downloading
            System.setProperty(DataDirectory.PROPERTY, omniglotDir.toAbsolutePath().normalize().getParent().toString());
        }
        TrainingListener killAtThree = r -> {
            if (r.iteration() == 3) {
                throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class,
                () -> base().checkpoint(killed.resolve(CHECKPOINT), 1).listener(killAtThree).train());
        assertTrue(Files.isRegularFile(killed.resolve(CHECKPOINT)));
    }

    @AfterAll
    static void restoreDataProperty() {
        if (previousDataProperty == null) {
            System.clearProperty(DataDirectory.PROPERTY);
        } else {
            System.setProperty(DataDirectory.PROPERTY, previousDataProperty);
        }
    }

    /** A private copy of the killed run's files, so no case sees another's writes. */
    private static Path copyOfKilledRun(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(killed)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir.resolve(CHECKPOINT);
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("execution", (UnaryOperator<ReptileSpec>) s -> s.sequentialTasks()), // base: parallel (metaBatch 2)
                Arguments.of("shots", (UnaryOperator<ReptileSpec>) s -> s.shots(5)),
                Arguments.of("trainShots", (UnaryOperator<ReptileSpec>) s -> s.trainShots(5)),
                Arguments.of("seed", (UnaryOperator<ReptileSpec>) s -> s.seed(4)),
                Arguments.of("ways", (UnaryOperator<ReptileSpec>) s -> s.ways(3)),
                // the other convolution choice: the same net computed otherwise is another model
                Arguments.of("model", (UnaryOperator<ReptileSpec>) s -> s.model(
                        (Convolutions.preferred() == Convolutions.ONEDNN ? Convolutions.IM2COL : Convolutions.ONEDNN)
                                .omniglot(5))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void resumingWithAChangedSettingIsRefusedAndNamesIt(String field, UnaryOperator<ReptileSpec> change,
            @TempDir Path dir) throws IOException {
        Path ckpt = copyOfKilledRun(dir);
        ReptileSpec changed = change.apply(base()).checkpoint(ckpt, 1);
        changed.plan(); // the changed settings are valid in themselves
        String message = assertThrows(IllegalArgumentException.class, changed::resume,
                "resuming with " + field + " changed must be refused").getMessage();
        assertTrue(Pattern.compile("(?<![A-Za-z])" + field + "(?![A-Za-z])").matcher(message).find(),
                "the message names '" + field + "': " + message);
        assertEquals(field.equals("model"), message.contains("-Dmetalearn.convolutions=im2col or =onednn"),
                "only a model change is told how to switch convolutions: " + message);
    }

    @Test
    void resumingWithTheSameSettingsWorks(@TempDir Path dir) throws IOException {
        Path ckpt = copyOfKilledRun(dir);
        Run run = base().checkpoint(ckpt, 1).resume();
        assertEquals(3, run.curve().rowCount());
        assertEquals(3, run.curve().intColumn("iteration").get(2));
    }
}

package org.metalearn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RecordedTest {
    private static final String CURVE = "iteration,loss,adaptedLoss,metaStep,seconds\n"
            + "200,18.0,8.2,0.998,60.0\n400,18.4,6.3,0.996,97.6\n";

    @Test
    void anUnfinishedRunShowsThePaperlessTableItsStatusAndTheCurveSoFar(@TempDir Path results) throws Exception {
        Path run = Files.createDirectories(results.resolve("table2-omniglot-5way"));
        Files.writeString(run.resolve("status.txt"), "training: meta-iteration 400 of 100000\n");
        Files.writeString(run.resolve("checkpoint.bin.curve.csv"), CURVE);
        Recorded r = Recorded.in(results, "table2-omniglot-5way");
        assertFalse(r.finished());
        Table t = r.table();
        assertEquals(0, t.rowCount());
        assertTrue(t.name().contains("in progress (training: meta-iteration 400 of 100000)"), t.name());
        assertEquals(2, r.curve().rowCount());
        assertEquals(400, r.curve().intColumn("iteration").get(1));
        assertTrue(r.plot().getTitle().contains("so far: 400 meta-iterations"), r.plot().getTitle());
        assertTrue(r.provenance().startsWith("no provenance yet"));
        IllegalStateException e = assertThrows(IllegalStateException.class, r::results);
        assertTrue(e.getMessage().contains("no results yet: training: meta-iteration 400"), e.getMessage());
    }

    @Test
    void aRunBeingEvaluatedShowsTheCellsDoneSoFar(@TempDir Path results) throws Exception {
        Path run = Files.createDirectories(results.resolve("r"));
        Files.writeString(run.resolve("status.txt"), "evaluating cell-1shot-transductive-10000tasks.csv since x\n");
        // as the first version of ./metalearn table2 saved cells: without the paper's number
        Files.writeString(run.resolve("cell-1shot-plain-10000tasks.csv"),
                "classes,ways,shots,transductive,tasks,accuracy,ci95,seconds\nomniglot test,5,1,false,10000,95.5,0.4,9\n");
        Files.writeString(run.resolve("cell-5shot-plain-10000tasks.csv"), String.join(",", Recorded.COLUMNS)
                + "\nomniglot test,5,5,false,10000,98.5,0.2,9,98.9\n");
        Table t = Recorded.in(results, "r").table();
        assertEquals("r: in progress (evaluating cell-1shot-transductive-10000tasks.csv since x)", t.name());
        assertEquals(java.util.List.of("1-shot 5-way", "5-shot 5-way"), t.stringColumn("cell").asList());
        assertEquals(95.5, t.doubleColumn("ours accuracy %").get(0));
        assertTrue(t.doubleColumn("paper accuracy %").isMissing(0));
        assertEquals(98.9, t.doubleColumn("paper accuracy %").get(1));
    }

    @Test
    void aFinishedRunShowsOneRowPerCellBesideThePaper(@TempDir Path results) throws Exception {
        Path run = Files.createDirectories(results.resolve("r"));
        Files.writeString(run.resolve("table2.csv"), String.join(",", Recorded.COLUMNS) + "\n"
                + "omniglot test,5,1,false,1000,78.76,1.13,394.7,95.39\n"
                + "omniglot test,5,5,true,1000,95.44,0.60,295.8,99.48\n");
        Files.writeString(run.resolve("curve.csv"), CURVE);
        Recorded r = Recorded.in(results, "r");
        assertTrue(r.finished());
        Table t = r.table();
        assertEquals("r (recorded, 1000 test tasks per cell)", t.name());
        assertEquals(java.util.List.of("1-shot 5-way", "5-shot 5-way + transduction"),
                t.stringColumn("cell").asList());
        assertEquals(78.76, t.doubleColumn("ours accuracy %").get(0));
        assertEquals(0.60, t.doubleColumn("ci95").get(1));
        assertEquals(99.48, t.doubleColumn("paper accuracy %").get(1));
        assertFalse(r.plot().getTitle().contains("so far"));
    }

    @Test
    void aTableWithOtherColumnsIsRefusedNamingThem(@TempDir Path results) throws Exception {
        Path run = Files.createDirectories(results.resolve("r"));
        Files.writeString(run.resolve("table2.csv"), "classes,ways,shots,accuracy\nomniglot test,5,1,78.0\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Recorded.in(results, "r").table());
        assertTrue(e.getMessage().contains("columns [classes, ways, shots, accuracy], expected [classes, ways"),
                e.getMessage());
    }

    @Test
    void aMissingRunNamesTheFolderAndListsTheRecordedOnes(@TempDir Path results) throws Exception {
        Files.createDirectories(results.resolve("equal-budget"));
        Files.createDirectories(results.resolve("table2-omniglot-5way"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recorded.in(results, "table2-omniglot-20-way"));
        assertTrue(e.getMessage().contains("no folder " + results.resolve("table2-omniglot-20-way")), e.getMessage());
        assertTrue(e.getMessage().contains("(recorded: equal-budget, table2-omniglot-5way)"), e.getMessage());
    }

    @Test
    void theRepositorysResultsFolderIsFoundFromASubfolder() {
        // tests run in dsl/, a sibling of results/ as notebooks/ is
        Path found = Recorded.resultsFolder();
        assertEquals(Path.of("..", "results").toAbsolutePath().normalize(), found.normalize());
    }
}

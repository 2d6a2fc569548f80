package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.metalearn.learn.IterationReport;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class TextDisplayTest {

    @Test
    void outsideAKernelChartsAreSavedAsPngAndTablesPrintedRounded(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextDisplay d = new TextDisplay(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        XYChart chart = new XYChart(200, 100);
        chart.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
        d.display(chart);
        d.display(Table.create("t", DoubleColumn.create("accuracy", 97.68000000000001)));
        String out = bytes.toString(StandardCharsets.UTF_8);
        Path png = dir.resolve("figure-1.png");
        assertTrue(out.contains("figure saved to " + png), out);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertTrue(out.contains("97.68") && !out.contains("97.6800"), out);
    }

    @Test
    void progressPrintsItsStartAndItsFinishedBarNotEveryUpdate(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextDisplay d = new TextDisplay(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        NotebookProgress p = new NotebookProgress("run");
        String id = d.display(new Html("<b>start</b>", "start"));
        for (int i = 0; i < 50; i++) {
            d.update(id, new Html("<b>" + i + "</b>", "update " + i));
        }
        d.finish(id, p.done(new IterationReport(10, 10, 0.5, 0.1, 0, 1.0)));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, String.join("|", lines));
        assertEquals("start", lines[0]);
        assertEquals("run 10/10 (100%) done in 1.0 s, final loss 0.5000", lines[1]);
    }

    @Test
    void aPlainJvmIsNeitherKernel() {
        assertEquals("text", Notebook.currentDisplay().name());
    }
}

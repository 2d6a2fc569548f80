package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A finished run's stored files are checked when read: a changed digit in {@code result.txt} or in
 * {@code curve.csv} is one error naming the file and what to do; a result written before checksums still reads.
 */
class RunStoreChecksumTest {

    @Test
    void aChangedResultOrCurveFailsNamingTheFile(@TempDir Path root) throws Exception {
        Table table = SweepTest.sweep(root).run();
        RunStore store = RunStore.at(root);
        String key = table.stringColumn("key").get(0);
        Path result = store.folder(key).resolve(RunStore.RESULT);
        Path curve = store.folder(key).resolve(RunStore.CURVE);
        String text = Files.readString(result);
        assertTrue(text.contains("\ncurveCrc32c=text:") && text.contains("\ncrc32c=text:"), text);
        assertTrue(store.curve(key).rowCount() > 0, "the stored curve reads back");

        String csv = Files.readString(curve);
        int digit = csv.indexOf('\n') + 1; // the first row's iteration: "1,"
        Files.writeString(curve, csv.substring(0, digit) + "7" + csv.substring(digit + 1));
        String curveError = assertThrows(IllegalStateException.class, () -> store.curve(key)).getMessage();
        assertTrue(curveError.startsWith("run store: " + curve + " is damaged (CRC32C ")
                && curveError.contains("Delete the run's folder"), curveError);
        Files.writeString(curve, csv);
        assertEquals(SweepTest.withoutTime(table), SweepTest.withoutTime(SweepTest.sweep(root).run()));

        int at = text.indexOf("evalLoss=double:") + "evalLoss=double:".length();
        char changed = text.charAt(at) == '1' ? '2' : '1';
        Files.writeString(result, text.substring(0, at) + changed + text.substring(at + 1));
        String resultError = assertThrows(IllegalStateException.class, store::table).getMessage();
        assertTrue(resultError.startsWith("run store: " + result + " is damaged (CRC32C "), resultError);
        assertThrows(IllegalStateException.class, () -> SweepTest.sweep(root).run());

        // a result of a build before checksums: no checksum lines, read as it is
        String old = text.substring(0, text.indexOf("curveCrc32c="));
        Files.write(result, old.getBytes(StandardCharsets.UTF_8));
        assertEquals(SweepTest.withoutTime(table), SweepTest.withoutTime(SweepTest.sweep(root).run()));
        assertEquals(store.curve(key).rowCount(), Table.read().csv(curve.toFile()).rowCount());
    }
}

package org.metalearn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelIdTest {
    /** The identity a checkpoint's header stores (magic, version, then the identity's key/value pairs). */
    private static Map<String, String> storedIdentity(Path checkpoint) throws IOException {
        try (InputStream raw = Files.newInputStream(checkpoint); DataInputStream in = new DataInputStream(raw)) {
            assertEquals(0x4D4C434B, in.readInt(), "checkpoint magic");
            in.readInt(); // version
            int count = in.readInt();
            Map<String, String> identity = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                identity.put(in.readUTF(), in.readUTF());
            }
            return identity;
        }
    }

    @ParameterizedTest
    @CsvSource({
        // tests run in dsl/, a sibling of results/
        "../results/table2-omniglot-5way/checkpoint.bin, omniglot-conv, LEAN, 5-way",
        "../results/table2-omniglot-20way/checkpoint.bin, omniglot-conv, ONEDNN, 20-way"})
    void theRecordedCheckpointsModelsParseAndPrintBackIdentically(String file, String architecture, Backend backend,
                                                                   String variant) throws IOException {
        String stored = storedIdentity(Path.of(file)).get("model");
        ModelId id = ModelId.parse(stored);
        assertEquals(new ModelId(architecture, backend, variant), id);
        assertEquals(stored, id.toString(), "prints back to the stored text, byte for byte");
        int ways = Integer.parseInt(variant.replace("-way", ""));
        LearnerFactory factory = backend == Backend.LEAN ? OmniglotNet.lean(ways) : OmniglotNet.oneDnn(ways);
        assertEquals(id, factory.id(), "the preset's factory has that identity");
        assertEquals(stored, factory.name());
    }

    @Test
    void everyLibraryFactoryRoundTripsThroughItsText() {
        for (LearnerFactory f : new LearnerFactory[] {OmniglotNet.lean(5), OmniglotNet.oneDnn(20),
                MiniImageNetNet.lean(5), MiniImageNetNet.oneDnn(10), SineMlp.lean(Activation.TANH),
                SineMlp.lean(Activation.RELU)}) {
            assertEquals(f.id(), ModelId.parse(f.name()), f.name());
        }
        assertEquals("sine-mlp lean tanh", SineMlp.lean(Activation.TANH).name());
        assertEquals("miniimagenet-conv onednn 10-way", MiniImageNetNet.oneDnn(10).name());
    }

    @Test
    void customNamesStayTextAndHaveNoBackend() {
        assertEquals("custom", ((LearnerFactory) rng -> null).name());
        for (String name : new String[] {"custom", "mlp16-32-5", "my net lean", "a lean b c", "x  lean 5-way"}) {
            ModelId id = ModelId.parse(name);
            assertNull(id.backend(), name);
            assertEquals(name, id.toString());
        }
        assertEquals(ModelId.custom("mlp16-32-5"), LearnerFactory.named("mlp16-32-5", rng -> null).id());
    }

    @Test
    void theSameNetOnTheOtherBackendIsRecognised() {
        ModelId lean = ModelId.conv("omniglot-conv", Backend.LEAN, 5);
        assertTrue(lean.sameModelOtherBackend(lean.on(Backend.ONEDNN)));
        assertFalse(lean.sameModelOtherBackend(lean));
        assertFalse(lean.sameModelOtherBackend(ModelId.conv("omniglot-conv", Backend.ONEDNN, 20)));
        assertFalse(lean.sameModelOtherBackend(ModelId.custom("omniglot-conv lean 5-way x")));
    }

    @Test
    void malformedIdentitiesAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelId(" ", Backend.LEAN, "5-way"))
                .getMessage().startsWith("architecture must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelId("omniglot-conv", Backend.LEAN, ""))
                .getMessage().contains("variant"));
    }
}

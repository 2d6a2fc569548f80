package org.metalearn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConvolutionsTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(Convolutions.PROPERTY);
    }

    @Test
    void thePropertyChoosesElseOneDnnWhereItsNativesShip() {
        assertEquals(Loader.getPlatform().equals("linux-x86_64") ? Convolutions.ONEDNN : Convolutions.IM2COL,
                Convolutions.preferred());
        System.setProperty(Convolutions.PROPERTY, "im2col");
        assertEquals(Convolutions.IM2COL, Convolutions.preferred());
        System.setProperty(Convolutions.PROPERTY, " oneDNN ");
        assertEquals(Convolutions.ONEDNN, Convolutions.preferred());
        System.setProperty(Convolutions.PROPERTY, "fft");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Convolutions::preferred);
        assertEquals("metalearn.convolutions must be im2col or onednn, got 'fft'", e.getMessage());
    }

    @Test
    void eachChoiceBuildsItsNets() {
        assertEquals(OmniglotNet.lean(20).name(), Convolutions.IM2COL.omniglot(20).name());
        assertEquals(OmniglotNet.oneDnn(5).name(), Convolutions.ONEDNN.omniglot(5).name());
        assertEquals(MiniImageNetNet.lean(5).name(), Convolutions.IM2COL.miniImageNet(5).name());
        assertEquals(MiniImageNetNet.oneDnn(5).name(), Convolutions.ONEDNN.miniImageNet(5).name());
    }
}

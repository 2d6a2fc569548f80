package org.metalearn.data.miniimagenet;

/** The three splits of Mini-ImageNet, decoded and ready for tasks; {@link MiniImageNet#load()} makes it. */
public record MiniImageNetImages(MiniImageNetClasses train, MiniImageNetClasses val, MiniImageNetClasses test,
                                 ResizeFilter filter) {
    @Override
    public String toString() {
        return "Mini-ImageNet (" + filter + " resize): " + train.classCount() + " training, " + val.classCount()
                + " validation, " + test.classCount() + " test classes x " + train.imagesPerClass() + " images";
    }
}

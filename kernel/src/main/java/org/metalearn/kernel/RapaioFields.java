package org.metalearn.kernel;

import java.lang.reflect.Field;

/**
 * Private fields of rapaio-jupyter-kernel 3.0.1, which the launcher, the control loop and the Stop button must reach
 * to work around its start-up and interrupt faults (no public API exposes them). One place, so a rapaio upgrade
 * that renames a field fails here with the owner and the field's name.
 */
final class RapaioFields {
    private RapaioFields() {
    }

    /** The field {@code name} declared by {@code owner}, made accessible. */
    static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The value of {@code owner}'s field {@code name} in {@code target}. */
    static Object get(Class<?> owner, Object target, String name) throws ReflectiveOperationException {
        return field(owner, name).get(target);
    }

    /** Sets {@code owner}'s field {@code name} in {@code target}. */
    static void set(Class<?> owner, Object target, String name, Object value) throws ReflectiveOperationException {
        field(owner, name).set(target, value);
    }
}

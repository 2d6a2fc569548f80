package org.metalearn.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Outputs through IJava (the kernel most Java notebook users have), found by reflection so the library has no
 * compile-time dependency on it: {@code io.github.spencerpark.ijava.runtime.Display} shows and updates outputs,
 * and renderers registered on the running kernel's {@code Renderer} make charts, tables and {@link Html} render by
 * themselves as a cell's last expression (IJava would otherwise print their {@code toString()}).
 */
final class IJavaDisplay implements NotebookDisplay {
    private static final String IJAVA = "io.github.spencerpark.ijava.IJava";
    private static final String DISPLAY = "io.github.spencerpark.ijava.runtime.Display";
    private static final String KERNEL = "io.github.spencerpark.jupyter.kernel.BaseKernel";
    private static final String PACKAGE = "io.github.spencerpark.jupyter.kernel.display.";

    private final ClassLoader loader;
    private final Method display;
    private final Method update;

    private IJavaDisplay(ClassLoader loader) throws ReflectiveOperationException {
        this.loader = loader;
        Class<?> api = Class.forName(DISPLAY, true, loader);
        display = api.getMethod("display", Object.class);
        update = api.getMethod("updateDisplay", String.class, Object.class);
    }

    /** IJava's display when an IJava kernel runs in this JVM, else null. */
    static IJavaDisplay find() {
        for (ClassLoader loader : new ClassLoader[] {IJavaDisplay.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            try {
                if (loader != null && kernel(loader) != null) {
                    IJavaDisplay d = new IJavaDisplay(loader);
                    d.registerRenderers();
                    return d;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // not IJava (class missing or of another shape): try the next loader, else fall back
            }
        }
        return null;
    }

    private static Object kernel(ClassLoader loader) throws ReflectiveOperationException {
        return Class.forName(IJAVA, true, loader).getMethod("getKernelInstance").invoke(null);
    }

    /** One renderer per type of {@link Renderings#TYPES} on the kernel's renderer, each writing the type's bundle. */
    private void registerRenderers() throws ReflectiveOperationException {
        Object renderer = Class.forName(KERNEL, true, loader).getMethod("getRenderer").invoke(kernel(loader));
        Class<?> rendererType = Class.forName(PACKAGE + "Renderer", true, loader);
        Class<?> registration = Class.forName(PACKAGE + "Renderer$RenderRegistration", true, loader);
        Class<?> function = Class.forName(PACKAGE + "RenderFunction", true, loader);
        Method outputs = Class.forName(PACKAGE + "RenderContext", true, loader).getMethod("getOutputContainer");
        Method put = Class.forName(PACKAGE + "DisplayData", true, loader).getMethod("putData", String.class, Object.class);
        Object render = Proxy.newProxyInstance(function.getClassLoader(), new Class<?>[] {function}, (proxy, m, args) ->
                switch (m.getName()) {
                    case "render" -> {
                        Object container = outputs.invoke(args[1]);
                        for (Map.Entry<String, String> e : Renderings.bundle(args[0]).entrySet()) {
                            put.invoke(container, e.getKey(), e.getValue());
                        }
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "metalearn renderer";
                });
        for (Class<?> type : Renderings.TYPES) {
            Object r = rendererType.getMethod("createRegistration", Class.class).invoke(renderer, type);
            r = registration.getMethod("preferring", String[].class).invoke(r, (Object) new String[] {Renderings.preferred(type)});
            registration.getMethod("register", function).invoke(r, render);
        }
    }

    @Override
    public String display(Object value) {
        return (String) call(display, null, value);
    }

    @Override
    public void update(String id, Object value) {
        call(update, null, id, value);
    }

    private static Object call(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return "ijava";
    }
}

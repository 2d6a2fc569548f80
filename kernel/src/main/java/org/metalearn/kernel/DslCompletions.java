package org.metalearn.kernel;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import org.rapaio.jupyter.kernel.core.CompleteMatches;

/**
 * Tab completion (complete_request) as JShell suggests it, except after a value of one of the DSL's types
 * ({@code org.metalearn.*}): there {@code java.lang.Object}'s methods ({@code wait}, {@code notify}, {@code equals},
 * ...) are left out and the DSL's own steps come first, because between the steps they only get in the way.
 */
final class DslCompletions {
    private static final String DSL_PACKAGE = "org.metalearn.";
    private static final Set<String> OBJECT_METHODS = Arrays.stream(Object.class.getMethods()).map(Method::getName)
            .collect(Collectors.toUnmodifiableSet());

    private DslCompletions() {
    }

    /**
     * The completions at {@code cursor}: continuations of the name being typed, from {@code start} to the cursor
     * (null when there are none). Elsewhere than after a DSL value, JShell's suggestions of the expected type first.
     */
    static CompleteMatches complete(SourceCodeAnalysis analysis, String code, int cursor, ClassLoader loader) {
        int[] anchor = new int[1];
        List<Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        String receiver = DslDocs.receiver(code, anchor[0]);
        String type = receiver.isEmpty() ? "" : analysis.analyzeType(receiver, receiver.length());
        boolean dsl = type != null && type.startsWith(DSL_PACKAGE);
        Set<String> own = dsl ? declaredInTheDsl(type, loader) : Set.of();
        List<Suggestion> kept = new ArrayList<>(suggestions.stream()
                .filter(s -> !dsl || !OBJECT_METHODS.contains(name(s.continuation()))).toList());
        kept.sort(Comparator.comparing((Suggestion s) -> !own.contains(name(s.continuation())))
                .thenComparing(s -> !s.matchesType()));
        List<String> continuations = new ArrayList<>(new LinkedHashSet<>(kept.stream().map(Suggestion::continuation)
                .toList()));
        return continuations.isEmpty() ? null : new CompleteMatches(continuations, anchor[0], cursor);
    }

    /** Public methods of {@code type} declared by the DSL's classes (not inherited from the JDK's). */
    static Set<String> declaredInTheDsl(String type, ClassLoader loader) {
        String erased = type.replaceAll("<.*", "");
        Set<String> names = new HashSet<>();
        try {
            for (Method m : Class.forName(erased, false, loader).getMethods()) {
                if (m.getDeclaringClass().getName().startsWith(DSL_PACKAGE)) {
                    names.add(m.getName());
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // a type this JVM cannot load (e.g. nested, as JShell names it): Object's methods are still left out
        }
        return names;
    }

    /** The method or field name a continuation completes: {@code reptile()} and {@code wait(} give their names. */
    private static String name(String continuation) {
        int paren = continuation.indexOf('(');
        return paren < 0 ? continuation : continuation.substring(0, paren);
    }
}

package org.metalearn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapaio.jupyter.kernel.display.DisplayData;

/**
 * Shift+Tab on the DSL: the Javadoc of the method under the cursor, read from the DSL's sources that the kernel
 * jar carries as resources (kernel/pom.xml copies dsl/src/main/java/org/metalearn/dsl/*.java), so it is always the
 * built version's. JShell's own documentation lookup only searches the JDK's src.zip, hence rapaio's "found: false".
 *
 * <p>The receiver's static type comes from JShell's source analysis ({@code analyzeType}), e.g.
 * {@code meta().reptile()} is a {@code ReptileSpec}; the method is looked up in that class and its superclasses
 * ({@code innerSteps} is declared by {@code TrainingSpec}). Without a receiver (or an unknown one) the name is
 * looked up in the DSL's entry classes. The sources are well formatted (checked by the build's own tests), so a
 * doc comment followed by a declaration is found with a regular expression rather than a full Java parser.
 */
final class DslDocs {
    static final String RESOURCES = "metalearn-dsl-sources/org/metalearn/dsl/";
    static final String PACKAGE = "org.metalearn.dsl.";
    /** Looked up, in this order, when the receiver's type is unknown or there is no receiver. */
    static final List<String> ENTRY_CLASSES = List.of("Meta", "TrainingSpec", "SpecBase", "EvaluationSpec",
            "ReptileSpec", "FomamlSpec", "MamlSpec", "Run", "Presets");
    private static final Pattern DOC_THEN_DECL = Pattern.compile(
            "/\\*\\*(.*?)\\*/\\s*((?:@\\w+(?:\\([^)]*\\))?\\s*)*)([^;{=]*?)\\s*[{;=]", Pattern.DOTALL);
    private static final Pattern RULE = Pattern.compile("Rules\\.(\\w+)\\.check");

    private final Map<String, Map<String, Doc>> byClass = new ConcurrentHashMap<>();

    /** A documented declaration: where it is declared, its signature, its Javadoc text and its allowed range. */
    record Doc(String owner, String name, String signature, String text, String allowed) {
        String plain() {
            return owner + "#" + name + "\n" + signature + "\n\n" + text + (allowed.isEmpty() ? "" : "\n\nAllowed: " + allowed);
        }

        String html() {
            return "<div><b><code>" + Html.escape(owner + "#" + name) + "</code></b><pre>" + Html.escape(signature) + "</pre><p>"
                    + Html.escape(text).replace("\n\n", "</p><p>") + "</p>"
                    + (allowed.isEmpty() ? "" : "<p><b>Allowed:</b> <code>" + Html.escape(allowed) + "</code></p>") + "</div>";
        }
    }

    /**
     * The Javadoc for the identifier around {@code cursor} in {@code code}, if it is a DSL method or class.
     * {@code typeOf} gives the static type of a receiver expression (fully qualified, may be empty).
     */
    Optional<DisplayData> inspect(String code, int cursor, Function<String, String> typeOf) {
        Optional<Doc> doc = find(code, cursor, typeOf);
        return doc.map(d -> {
            DisplayData data = DisplayData.fromText(d.plain());
            data.putHTML(d.html());
            return data;
        });
    }

    Optional<Doc> find(String code, int cursor, Function<String, String> typeOf) {
        int c = Math.max(0, Math.min(cursor, code.length()));
        int start = c;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        int end = c;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        if (start == end) {
            return Optional.empty();
        }
        String name = code.substring(start, end);
        String receiver = receiver(code, start);
        if (!receiver.isEmpty()) {
            String type = typeOf.apply(receiver);
            Optional<Doc> inType = inHierarchy(type == null ? "" : type.replaceAll("<.*", ""), name);
            if (inType.isPresent()) {
                return inType;
            }
        }
        Doc typeDoc = docs(name).get(name);
        if (typeDoc != null) {
            return Optional.of(typeDoc); // a class name, e.g. Presets
        }
        for (String cls : ENTRY_CLASSES) {
            Doc d = docs(cls).get(name);
            if (d != null) {
                return Optional.of(d);
            }
        }
        // meta() itself has no Javadoc of its own: its class's explains the DSL's entry point
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return ENTRY_CLASSES.contains(capitalized) ? Optional.ofNullable(docs(capitalized).get(capitalized))
                : Optional.empty();
    }

    /** The expression before {@code .name} ending at {@code nameStart}, or "" if the name has no receiver. */
    static String receiver(String code, int nameStart) {
        int i = nameStart - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
            i--;
        }
        if (i < 0 || code.charAt(i) != '.') {
            return "";
        }
        int end = i;
        int depth = 0;
        for (i = end - 1; i >= 0; i--) {
            char ch = code.charAt(i);
            if (ch == ')' || ch == ']') {
                depth++;
            } else if (ch == '(' || ch == '[') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && !(Character.isJavaIdentifierPart(ch) || ch == '.' || Character.isWhitespace(ch))) {
                break;
            }
        }
        return code.substring(i + 1, end).strip();
    }

    private Optional<Doc> inHierarchy(String typeName, String name) {
        if (!typeName.startsWith(PACKAGE)) {
            return Optional.empty();
        }
        try {
            for (Class<?> k = Class.forName(typeName); k != null; k = k.getSuperclass()) {
                Doc d = docs(k.getSimpleName()).get(name);
                if (d != null) {
                    return Optional.of(d);
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Documented members (and the class itself, under its own name) of one DSL source file. */
    Map<String, Doc> docs(String simpleName) {
        return byClass.computeIfAbsent(simpleName, n -> parse(n, source(n)));
    }

    static Map<String, Doc> parse(String owner, String source) {
        Map<String, Doc> docs = new ConcurrentHashMap<>();
        if (source.isEmpty()) {
            return docs;
        }
        Matcher m = DOC_THEN_DECL.matcher(source);
        while (m.find()) {
            String decl = m.group(3).replaceAll("\\s+", " ").strip();
            Matcher method = Pattern.compile("(\\w+)\\s*\\(").matcher(decl);
            Matcher type = Pattern.compile("\\b(?:class|record|interface|enum) (\\w+)").matcher(decl);
            String name = type.find() ? type.group(1) : method.find() ? method.group(1) : lastWord(decl);
            if (name.isEmpty() || docs.containsKey(name)) {
                continue; // overloads: the first documented one speaks for the name
            }
            docs.put(name, new Doc(owner, name, decl, clean(m.group(1)), allowed(source, m.end())));
        }
        return docs;
    }

    /** The setter's allowed range, from the {@code Rules.X.check} in its body and X's entry in Rules.java. */
    private static String allowed(String source, int bodyStart) {
        int next = source.indexOf("/**", bodyStart);
        String body = source.substring(bodyStart, next < 0 ? source.length() : next);
        Matcher r = RULE.matcher(body);
        if (!r.find()) {
            return "";
        }
        Matcher def = Pattern.compile(r.group(1) + "\\s*=\\s*Rule\\.(\\w+)\\(\"(\\w+)\"(?:,\\s*([^)]+))?\\)")
                .matcher(source("Rules"));
        if (!def.find()) {
            return "";
        }
        String field = def.group(2);
        return switch (def.group(1)) {
            case "atLeast" -> field + " >= " + def.group(3).strip();
            case "positiveFinite" -> field + " > 0, finite";
            case "nonNegativeFinite" -> field + " >= 0, finite";
            case "notNull" -> field + " not null";
            default -> field + ": " + def.group(1);
        };
    }

    /** Javadoc body to text: no leading stars, inline tags as their text, paragraphs as blank lines. */
    static String clean(String javadoc) {
        String s = javadoc.replaceAll("(?m)^\\s*\\* ?", "");
        s = s.replaceAll("\\{@(?:code|literal) ([^}]*)}", "$1");
        s = s.replaceAll("\\{@link(?:plain)? [^}\\s]+ ([^}]*)}", "$1");
        s = s.replaceAll("\\{@link(?:plain)? #?([^}]*)}", "$1").replace('#', '.');
        s = s.replaceAll("(?i)<p>", "\n\n").replaceAll("(?i)<li>", "\n- ").replaceAll("<[^>]+>", "");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        s = s.replaceAll("(?m)^@(param|return|throws)", "\n@$1");
        return s.replaceAll("[ \\t]+", " ").replaceAll(" ?\\n ?", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static String lastWord(String decl) {
        String[] words = decl.split("\\s+");
        return words.length == 0 ? "" : words[words.length - 1].replaceAll("\\W", "");
    }

    private static String source(String simpleName) {
        try (InputStream in = DslDocs.class.getClassLoader().getResourceAsStream(RESOURCES + simpleName + ".java")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

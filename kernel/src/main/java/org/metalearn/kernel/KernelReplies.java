package org.metalearn.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.rapaio.jupyter.kernel.GeneralProperties;
import org.rapaio.jupyter.kernel.core.LanguageInfo;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryRequest;
import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

/**
 * Replies rapaio 3.0.1 gets wrong: its kernel_info_reply has no {@code status} (the protocol requires it) and it
 * never answers history_request (it only logs it, so a client waits forever). Gson serializes these classes the
 * way rapaio serializes its own content, by field name or {@code @SerializedName}.
 */
final class KernelReplies {
    static final MessageType<KernelInfo> KERNEL_INFO_REPLY = new MessageType<>("kernel_info_reply", KernelInfo.class);
    static final MessageType<History> HISTORY_REPLY = new MessageType<>("history_reply", History.class);
    /** Jupyter numbers sessions; this kernel keeps only the current one. */
    static final int SESSION = 1;

    private KernelReplies() {
    }

    static KernelInfo kernelInfo() {
        GeneralProperties p = new GeneralProperties("default");
        LanguageInfo lang = LanguageInfo.kernelLanguageInfo();
        return new KernelInfo(p.getKernelName(), p.getKernelVersion(), lang,
                "Java (meta-learning): rapaio-jupyter-kernel " + p.getKernelVersion() + " on Java " + lang.version()
                        + "; the DSL is imported (meta().reptile().on(sine())...)");
    }

    /** kernel_info_reply content, protocol 5.3 fields. */
    static final class KernelInfo implements ContentType<KernelInfo> {
        final String status = "ok";
        @SerializedName("protocol_version")
        final String protocolVersion = "5.3";
        final String implementation;
        @SerializedName("implementation_version")
        final String implementationVersion;
        @SerializedName("language_info")
        final LanguageInfo languageInfo;
        final String banner;
        @SerializedName("help_links")
        final List<Object> helpLinks = List.of();

        KernelInfo(String implementation, String implementationVersion, LanguageInfo languageInfo, String banner) {
            this.implementation = implementation;
            this.implementationVersion = implementationVersion;
            this.languageInfo = languageInfo;
            this.banner = banner;
        }

        @Override
        public MessageType<KernelInfo> type() {
            return KERNEL_INFO_REPLY;
        }
    }

    /** history_reply content: entries [session, line, input] or, with output, [session, line, [input, null]]. */
    static final class History implements ContentType<History> {
        final String status = "ok";
        final List<List<Object>> history;

        History(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        public MessageType<History> type() {
            return HISTORY_REPLY;
        }
    }

    /** The inputs executed in this session, numbered from 1 as execution counts are. */
    static final class InputLog {
        private final List<String> inputs = new ArrayList<>();

        synchronized void add(String code) {
            inputs.add(code);
        }

        /** Answers tail, range and search (glob pattern, {@code *} and {@code ?}); outputs are not kept. */
        synchronized History answer(ShellHistoryRequest request) {
            List<Integer> lines = new ArrayList<>();
            if (request instanceof ShellHistoryRequest.Range r) {
                for (int line = Math.max(1, r.getStart()); line < Math.min(r.getStop(), inputs.size() + 1); line++) {
                    lines.add(line);
                }
            } else if (request instanceof ShellHistoryRequest.Search s) {
                Pattern glob = Pattern.compile(s.getPattern() == null ? ".*"
                        : Pattern.quote(s.getPattern()).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"), Pattern.DOTALL);
                Set<String> seen = new HashSet<>();
                for (int line = inputs.size(); line >= 1; line--) { // newest first, so unique keeps the latest
                    String input = inputs.get(line - 1);
                    if (glob.matcher(input).matches() && (!s.filterUnique() || seen.add(input))) {
                        lines.add(0, line);
                    }
                }
                lines = tail(lines, s.getMaxReturnLength());
            } else if (request instanceof ShellHistoryRequest.Tail t) {
                for (int line = 1; line <= inputs.size(); line++) {
                    lines.add(line);
                }
                lines = tail(lines, t.getMaxReturnLength());
            }
            List<List<Object>> entries = new ArrayList<>();
            for (int line : lines) {
                String input = inputs.get(line - 1);
                entries.add(List.of(SESSION, line, request.includeOutput() ? Arrays.asList(input, null) : input));
            }
            return new History(entries);
        }

        private static List<Integer> tail(List<Integer> lines, int n) {
            return n <= 0 || n >= lines.size() ? lines : new ArrayList<>(lines.subList(lines.size() - n, lines.size()));
        }
    }
}

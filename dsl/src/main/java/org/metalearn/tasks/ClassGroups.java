package org.metalearn.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * The classes of an {@link ImageClasses} by {@link ImageClasses#group group} (Omniglot: alphabet), for tasks drawn
 * within one group: pick one of the groups that have at least N classes, uniformly, then N of its classes. Lake et
 * al.'s one-shot runs are such tasks (20 characters of one alphabet), harder than N classes from anywhere, since
 * characters of one alphabet look alike.
 */
final class ClassGroups {
    private final List<int[]> eligible = new ArrayList<>();
    private final int largest;

    ClassGroups(ImageClasses classes, int ways, String name) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>(); // first-seen order: deterministic per pool
        for (int c = 0; c < classes.classCount(); c++) {
            byGroup.computeIfAbsent(classes.group(c), g -> new ArrayList<>()).add(c);
        }
        int max = 0;
        for (List<Integer> members : byGroup.values()) {
            max = Math.max(max, members.size());
            if (members.size() >= ways) {
                eligible.add(members.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        largest = max;
        if (byGroup.size() < 2) {
            throw new IllegalArgumentException(name + ": its classes have no groups (such as Omniglot's alphabets) "
                    + "to draw tasks within");
        }
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("ways must be in [2, " + largest + "] for " + name + " (tasks within "
                    + "one group; its largest group has " + largest + " classes), got " + ways);
        }
    }

    /** How many groups have enough classes for a task. */
    int eligibleGroups() {
        return eligible.size();
    }

    /** N classes of one group, in the order drawn. */
    int[] sample(UniformRandomProvider rng, int ways) {
        int[] members = eligible.get(rng.nextInt(eligible.size()));
        int[] picked = new PermutationSampler(rng, members.length, ways).sample();
        int[] chosen = new int[ways];
        for (int i = 0; i < ways; i++) {
            chosen[i] = members[picked[i]];
        }
        return chosen;
    }
}

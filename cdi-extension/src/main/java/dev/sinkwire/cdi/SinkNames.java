package dev.sinkwire.cdi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The naming rules for sinks, and the validation of a set of declarations: names, duplicates,
 * method parameters, class sinks that are not sinks. Stateless; safe for concurrent use.
 */
final class SinkNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private SinkNames() {
    }

    /**
     * Lower-cases the first letter, as default sink names do.
     *
     * @param simpleName a simple class name
     * @return the name with its first character in lower case
     */
    static String decapitalize(String simpleName) {
        if (simpleName.isEmpty()) {
            return simpleName;
        }
        return Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
    }

    /**
     * Tells whether a name follows the rules.
     *
     * @param name a sink name
     * @return whether it is made of letters, digits, {@code -} and {@code _} only, and not empty
     */
    static boolean isValid(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Validates every declaration and the set of names.
     *
     * @param declarations what the front end collected
     * @return one message per problem; empty when all is well
     */
    static List<String> validate(List<SinkDeclaration> declarations) {
        List<String> problems = new ArrayList<>();
        Map<String, List<SinkDeclaration>> byName = new LinkedHashMap<>();
        for (SinkDeclaration d : declarations) {
            int before = problems.size();
            if (d.problem() != null) {
                problems.add("@EventSink on " + d.describe() + ": " + d.problem());
            }
            if (d.kind() == SinkKind.METHOD && d.parameterTypes().size() != 1) {
                problems.add("@EventSink on " + d.describe() + ": a method sink must have exactly one parameter,"
                        + " the event (it has " + d.parameterTypes().size() + "); allowed: one parameter of the"
                        + " event type, optionally with qualifiers, like an observer method without @Observes");
            }
            if (d.kind() == SinkKind.CLASS && !d.implementsSink()) {
                problems.add("@EventSink on " + d.describe() + ": the class does not implement dev.sinkwire.Sink;"
                        + " allowed: a bean class implementing Sink<T>, or @EventSink on a method with one"
                        + " event parameter");
            }
            String name = d.name();
            if (!isValid(name)) {
                problems.add("@EventSink(\"" + name + "\") on " + d.describe() + ": invalid sink name '" + name
                        + "'; allowed: letters, digits, '-' and '_' (no dots, no spaces, not empty)");
            }
            if (problems.size() == before) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(d);
            }
        }
        byName.forEach((name, list) -> {
            if (list.size() > 1) {
                List<String> where = new ArrayList<>();
                list.forEach(d -> where.add(d.describe()));
                problems.add("duplicate sink name '" + name + "': declared by " + String.join(" and ", where)
                        + "; sink names must be unique: give each a distinct name with @EventSink(\"...\")");
            }
        });
        return problems;
    }
}

package dev.sinkwire.cdi;

import java.util.List;

/**
 * Startup found problems that must fail deployment. Each front end turns it into its container's
 * deployment error. Not thread-safe to mutate; never mutated after construction.
 */
final class ProblemsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ProblemsException(List<String> problems) {
        super(join(problems));
        this.problems = List.copyOf(problems);
    }

    ProblemsException(String problem) {
        this(List.of(problem));
    }

    List<String> problems() {
        return problems;
    }

    static String join(List<String> problems) {
        if (problems.size() == 1) {
            return "Sinkwire: " + problems.get(0);
        }
        StringBuilder b = new StringBuilder("Sinkwire found ").append(problems.size()).append(" problems:");
        for (int i = 0; i < problems.size(); i++) {
            b.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
        }
        return b.toString();
    }
}

package io.cxone.themes.rollout;

import java.util.Arrays;
import java.util.Optional;

/** What a publisher asks of a live rollout; stored in its row and carried out by its job at its next unit. */
public enum Command {
    pause, resume, promote, abort;

    static Optional<Command> of(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }
}

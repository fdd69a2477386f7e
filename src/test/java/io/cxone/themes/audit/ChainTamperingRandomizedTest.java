package io.cxone.themes.audit;

import static io.cxone.themes.audit.AuditFixtures.chain;
import static io.cxone.themes.audit.AuditFixtures.verify;
import static io.cxone.themes.audit.ChainVerifierTest.assertBroken;
import static io.cxone.themes.audit.ChainVerifierTest.bySeq;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/** Seeded random tampering of random chains; each trial knows the event where the break must be reported. */
class ChainTamperingRandomizedTest {
    private static final int TRIALS = 200;

    @Test
    void everyRandomTamperingIsFoundAtTheRightEvent() {
        long seed = Seeds.seed();
        Random r = Seeds.random(seed);
        for (int trial = 0; trial < TRIALS; trial++) {
            int n = 2 + r.nextInt(40);
            List<AuditEvent> events = chain(r, n);
            ChainHead head = ChainHead.of(events.get(n - 1));
            List<AuditEvent> rows = new ArrayList<>(events);
            int k = 1 + r.nextInt(n);
            int kind = r.nextInt(7);
            String tag = Seeds.tag(seed) + "trial " + trial + " kind " + kind + " n=" + n + " k=" + k;
            long expected = k;
            String reason = "event";
            switch (kind) {
                case 0 -> { // edit one field
                    int field = r.nextInt(AuditFixtures.FIELDS.length);
                    rows.set(k - 1, AuditFixtures.edit(rows.get(k - 1), field));
                    rows = bySeq(rows);
                    tag += " field " + field;
                }
                case 1 -> { // delete one event (the newest is found through the head)
                    rows.remove(k - 1);
                    reason = k == n ? "newest events deleted" : "is missing";
                }
                case 2 -> { // insert a forged event with k's number, before or after the genuine one
                    String link = r.nextBoolean() ? "e".repeat(64) : events.get(k - 1).prevHash();
                    rows.add(k - 1 + r.nextInt(2), AuditChain.seal(AuditFixtures.unsealed(r, k), link));
                }
                case 3 -> { // swap two events' seq values
                    int j = 1 + r.nextInt(n);
                    if (j == k) {
                        j = k == n ? 1 : n;
                    }
                    int i = Math.min(j, k);
                    j = Math.max(j, k);
                    rows.set(i - 1, AuditFixtures.renumbered(events.get(j - 1), i));
                    rows.set(j - 1, AuditFixtures.renumbered(events.get(i - 1), j));
                    rows = bySeq(rows);
                    expected = i;
                    reason = "(edited)";
                }
                case 4 -> { // duplicate a row
                    rows.add(k, events.get(k - 1));
                    reason = "seen again";
                }
                case 5 -> { // truncate the newest events
                    rows = new ArrayList<>(events.subList(0, k - 1));
                    reason = "newest events deleted";
                }
                default -> { // edit and re-hash: found at the successor, or at the head for the newest
                    rows.set(k - 1, AuditChain.seal(AuditFixtures.edit(events.get(k - 1), 2),
                            events.get(k - 1).prevHash()));
                    expected = k == n ? n : k + 1;
                    reason = k == n ? "does not match the chain head" : "prevHash does not match";
                }
            }
            assertBroken(verify(rows, head), expected, reason, tag);
        }
    }
}

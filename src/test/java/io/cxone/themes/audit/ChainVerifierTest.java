package io.cxone.themes.audit;

import static io.cxone.themes.audit.AuditFixtures.MAPPER;
import static io.cxone.themes.audit.AuditFixtures.chain;
import static io.cxone.themes.audit.AuditFixtures.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/** Each kind of tampering is found at the exact event, with a reason naming it. */
class ChainVerifierTest {
    private static final int N = 50;

    /** What {@code ORDER BY seq} returns after tampering (ties keep their order). */
    static List<AuditEvent> bySeq(List<AuditEvent> rows) {
        List<AuditEvent> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(AuditEvent::seq));
        return sorted;
    }

    static void assertBroken(VerifyResult result, long seq, String reasonPart, String tag) {
        assertFalse(result.valid(), tag + " expected a break at " + seq + ": " + result);
        assertEquals(seq, result.firstBrokenSeq(), tag + " " + result);
        assertTrue(result.reason().contains(reasonPart), tag + " reason: " + result.reason());
        assertTrue(result.reason().startsWith("event " + seq), tag + " reason names the event: " + result.reason());
    }

    @Test
    void thousandRandomEventsVerify() {
        long seed = Seeds.seed();
        List<AuditEvent> events = chain(Seeds.random(seed), 1000);
        assertEquals(VerifyResult.intact(1000), verify(events, null), Seeds.tag(seed));
        assertEquals(VerifyResult.intact(1000), verify(events, ChainHead.of(events.get(999))), Seeds.tag(seed));
    }

    @Test
    void emptyTrailIsValidOnlyWhenTheHeadSaysSo() {
        assertEquals(VerifyResult.intact(0), verify(List.of(), null));
        assertEquals(VerifyResult.intact(0), verify(List.of(), ChainHead.EMPTY));
        assertBroken(verify(List.of(), new ChainHead(3, "a".repeat(64))), 1, "newest events deleted", "all deleted");
    }

    @Test
    void editOfAnySingleFieldIsFoundAtThatEvent() {
        long seed = Seeds.seed();
        List<AuditEvent> events = chain(Seeds.random(seed), N);
        assertEquals(13, AuditFixtures.FIELDS.length, "every component is edited below");
        for (int field = 0; field < AuditFixtures.FIELDS.length; field++) {
            for (int k : new int[] { 1, N / 2, N }) {
                List<AuditEvent> rows = new ArrayList<>(events);
                rows.set(k - 1, AuditFixtures.edit(rows.get(k - 1), field));
                String tag = Seeds.tag(seed) + "field " + field + " of event " + k;
                // an edited seq moves the row (ORDER BY seq) and leaves a gap; every other edit breaks the hash
                String reason = field == 0 ? "is missing" : "content does not match its hash (edited)";
                assertBroken(verify(bySeq(rows), ChainHead.of(events.get(N - 1))), k, reason, tag);
                assertEquals(N, verify(bySeq(rows), null).events(), tag);
            }
        }
    }

    @Test
    void deletionIsFoundAtTheFirstMissingEvent() {
        long seed = Seeds.seed();
        List<AuditEvent> events = chain(Seeds.random(seed), N);
        ChainHead head = ChainHead.of(events.get(N - 1));
        assertBroken(verify(events.subList(1, N), head), 1, "trail starts at event 2", Seeds.tag(seed));
        List<AuditEvent> middle = new ArrayList<>(events);
        middle.remove(N / 2 - 1);
        assertBroken(verify(middle, head), N / 2, "is missing", Seeds.tag(seed));
        List<AuditEvent> run = new ArrayList<>(events);
        run.subList(9, 20).clear();
        assertBroken(verify(run, head), 10, "event 21 follows event 9", Seeds.tag(seed));
    }

    @Test
    void deletingTheNewestEventsNeedsTheHead() {
        long seed = Seeds.seed();
        List<AuditEvent> events = chain(Seeds.random(seed), N);
        ChainHead head = ChainHead.of(events.get(N - 1));
        // from the rows alone a shorter chain is a valid chain: this is what the head is for
        assertEquals(VerifyResult.intact(N - 1), verify(events.subList(0, N - 1), null));
        assertBroken(verify(events.subList(0, N - 1), head), N, "newest events deleted", Seeds.tag(seed));
        assertBroken(verify(events.subList(0, N - 3), head), N - 2, "newest events deleted", Seeds.tag(seed));
    }

    @Test
    void insertedEventIsFound() {
        long seed = Seeds.seed();
        Random r = Seeds.random(seed);
        List<AuditEvent> events = chain(r, N);
        int k = N / 2;
        // a forged event, hashed correctly but linked to nothing real, next to the genuine event k
        AuditEvent forged = AuditChain.seal(AuditFixtures.unsealed(r, k), "c".repeat(64));
        List<AuditEvent> before = new ArrayList<>(events);
        before.add(k - 1, forged);
        assertBroken(verify(before, null), k, "prevHash does not match the hash of event " + (k - 1), Seeds.tag(seed));
        List<AuditEvent> after = new ArrayList<>(events);
        after.add(k, forged);
        assertBroken(verify(after, null), k, "seen again", Seeds.tag(seed));
        // forged with the right link and renumbering the rest: the forgery itself is flawless, its successor is not
        AuditEvent linked = AuditChain.seal(AuditFixtures.unsealed(r, k), events.get(k - 2).hash());
        List<AuditEvent> shifted = new ArrayList<>(events.subList(0, k - 1));
        shifted.add(linked);
        events.subList(k - 1, N).forEach(e -> shifted.add(AuditFixtures.renumbered(e, e.seq() + 1)));
        assertBroken(verify(shifted, null), k + 1, "(edited)", Seeds.tag(seed));
        // appended after the head, correctly linked: only the head tells
        List<AuditEvent> appended = new ArrayList<>(events);
        appended.add(AuditChain.seal(AuditFixtures.unsealed(r, N + 1), events.get(N - 1).hash()));
        assertEquals(VerifyResult.intact(N + 1), verify(appended, null));
        assertBroken(verify(appended, ChainHead.of(events.get(N - 1))), N + 1, "continues past the chain head",
                Seeds.tag(seed));
    }

    @Test
    void duplicatedRowIsFound() {
        long seed = Seeds.seed();
        List<AuditEvent> events = chain(Seeds.random(seed), N);
        for (int k : new int[] { 1, N / 2, N }) {
            List<AuditEvent> rows = new ArrayList<>(events);
            rows.add(k, events.get(k - 1));
            assertBroken(verify(rows, ChainHead.of(events.get(N - 1))), k, "seen again", Seeds.tag(seed) + k);
        }
    }

    @Test
    void reorderedEventsAreFoundWhereTheOrderBreaks() {
        long seed = Seeds.seed();
        List<AuditEvent> events = chain(Seeds.random(seed), N);
        ChainHead head = ChainHead.of(events.get(N - 1));
        for (int[] pair : new int[][] { { 1, 2 }, { 10, 30 }, { N - 1, N }, { 1, N } }) {
            int i = pair[0], j = pair[1];
            String tag = Seeds.tag(seed) + "swap " + i + "," + j;
            // rows whose seq values were swapped: ORDER BY seq brings event j's content to position i
            List<AuditEvent> swappedSeq = new ArrayList<>(events);
            swappedSeq.set(i - 1, AuditFixtures.renumbered(events.get(j - 1), i));
            swappedSeq.set(j - 1, AuditFixtures.renumbered(events.get(i - 1), j));
            assertBroken(verify(bySeq(swappedSeq), head), i, "(edited)", tag);
            // a stream delivered out of order
            List<AuditEvent> streamed = new ArrayList<>(events);
            Collections.swap(streamed, i - 1, j - 1);
            assertBroken(verify(streamed, head), i, "is missing", tag);
        }
    }

    @Test
    void editedAndRehashedEventIsFoundAtItsSuccessorOrTheHead() {
        long seed = Seeds.seed();
        List<AuditEvent> events = chain(Seeds.random(seed), N);
        ChainHead head = ChainHead.of(events.get(N - 1));
        int k = N / 2;
        List<AuditEvent> rows = new ArrayList<>(events);
        AuditEvent edited = AuditFixtures.edit(events.get(k - 1), 2);
        rows.set(k - 1, AuditChain.seal(edited, edited.prevHash()));
        assertBroken(verify(rows, head), k + 1, "event " + k + " was replaced", Seeds.tag(seed));
        // the whole tail rewritten and re-linked: only the separately kept head still disagrees
        String prev = rows.get(k - 1).hash();
        for (int i = k; i < N; i++) {
            rows.set(i, AuditChain.seal(rows.get(i), prev));
            prev = rows.get(i).hash();
        }
        assertEquals(VerifyResult.intact(N), verify(rows, null));
        assertBroken(verify(rows, head), N, "does not match the chain head", Seeds.tag(seed));
    }

    @Test
    void stopsJudgingAtTheFirstBreakButCountsEveryEvent() {
        long seed = Seeds.seed();
        List<AuditEvent> events = new ArrayList<>(chain(Seeds.random(seed), N));
        events.set(4, AuditFixtures.edit(events.get(4), 2));
        events.set(9, AuditFixtures.edit(events.get(9), 3));
        ChainVerifier verifier = new ChainVerifier();
        for (int i = 0; i < N; i++) {
            assertEquals(i < 4, verifier.accept(events.get(i)), "accept " + (i + 1));
        }
        assertEquals(VerifyResult.broken(N, 5, "event 5: content does not match its hash (edited)"),
                verifier.result());
    }

    @Test
    void firstEventMustLinkToGenesis() {
        long seed = Seeds.seed();
        Random r = Seeds.random(seed);
        AuditEvent first = AuditChain.seal(AuditFixtures.unsealed(r, 1), "d".repeat(64));
        assertBroken(verify(List.of(first), null), 1, "not the genesis hash", Seeds.tag(seed));
    }

    @Test
    void resultJsonOmitsBreakFieldsWhenValid() throws Exception {
        assertEquals("{\"valid\":true,\"events\":3,\"checkpoints\":0}", MAPPER.writeValueAsString(VerifyResult.intact(3)));
        assertEquals("{\"valid\":false,\"events\":3,\"firstBrokenSeq\":2,\"reason\":\"r\",\"checkpoints\":0}",
                MAPPER.writeValueAsString(VerifyResult.broken(3, 2, "r")));
    }
}

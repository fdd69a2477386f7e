package io.cxone.themes.devseed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A start with the seed off (every start but dev mode's) makes no ObjectMapper: its set-up loads ~470 Jackson classes,
 * which belong to the first JSON request, not to the way to the first 200 of readiness (docs/benchmarks.md). An
 * instance startup observer in a bean that injects the ObjectMapper (as DevSeed had) brings them back.
 * <p>
 * Its own (empty) profile, so the application is fresh: in the shared one an earlier class's JSON request has made the
 * ObjectMapper already. The test makes no request itself.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
@TestProfile(NoObjectMapperAtStartTest.FreshStart.class)
class NoObjectMapperAtStartTest {
    public static class FreshStart implements QuarkusTestProfile {
    }

    @Test
    void aStartWithTheSeedOffMakesNoObjectMapper() {
        List<String> made = List.of(Singleton.class, ApplicationScoped.class).stream()
                .flatMap(scope -> Arc.container().getActiveContext(scope).getState().getContextualInstances().keySet()
                        .stream())
                .filter(bean -> bean.getTypes().contains(ObjectMapper.class))
                .map(InjectableBean::toString).toList();
        assertEquals(List.of(), made, "the ObjectMapper was made during the start; find who with "
                + "STARTUP_CLASSES_WHY=com.fasterxml.jackson.databind.MappingJsonFactory bash bench/startup-classes.sh");
    }
}

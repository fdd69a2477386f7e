package io.quarkus.smallrye.openapi.runtime;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.cxone.themes.support.JwtTestKeys;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * /q/openapi, prepared on its first request instead of at start (LazyOpenApiDocumentService), answers the document
 * Quarkus built from the annotations at build time, in JSON and in YAML.
 */
@QuarkusTest
@WithTestResource(JwtTestKeys.class)
class LazyOpenApiDocumentServiceTest {

    @Test
    void theExtensionLooksUpTheLazyService() {
        // the extension's recorder and handler select OpenApiDocumentService from the container: the alternative must
        // be the one they get (it is injected nowhere, so it must also survive ArC's removal of unused beans)
        OpenApiDocumentService service = Arc.container().select(OpenApiDocumentService.class).get();
        assertInstanceOf(LazyOpenApiDocumentService.class, ClientProxy.unwrap(service));
    }

    @Test
    void theDocumentIsTheOneBuiltAtBuildTimeInJsonAndYaml() throws IOException {
        JsonNode built;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/quarkus-generated-openapi-doc.JSON")) {
            assertNotNull(in, "the build-time document");
            built = new ObjectMapper().readTree(in);
        }
        String json = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        String yaml = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(built, new ObjectMapper().readTree(json));
        assertEquals(built, new YAMLMapper().readTree(yaml));
        // and it is the service's API, with the bearer scheme of application.properties
        assertTrue(built.path("paths").has("/api/v1/themes/validate"), "the document lists the API's paths");
        assertEquals("bearer", built.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asText());
    }
}

package io.cxone.themes.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Makes the served OpenAPI document one that portals can generate a client from and Spectral's
 * {@code spectral:oas} ruleset accepts, without touching the API: the bearer scheme declared once with the roles in
 * its description; each secured operation names that scheme without scopes (an http bearer scheme has none, so roles
 * in a security requirement break {@code oas3-operation-security-defined}) and lists its roles in {@code x-roles} and
 * in its description; 401 and 403 as {@code application/problem+json}; the {@code X-Request-Id} header on every
 * response (declared once in {@code components/headers}); every other 4xx/5xx an operation declares without content
 * answered as {@code application/problem+json} too (the resources name only the status); Quarkus's own paths open; {@code servers} and
 * the info description and contact; and no framework types (Vert.x, Netty, Jackson internals) in
 * {@code components/schemas}.
 * <p>
 * It runs once, at build time: the annotations are scanned at build time and Quarkus records each
 * {@code @RolesAllowed} as a security requirement then, so the document served carries the result without any
 * run-time work (a run-time filter would prepare the document at start again, see LazyOpenApiDocumentService).
 * Quarkus's run-time security filter only completes the scheme named by {@code quarkus.smallrye-openapi.security-scheme-name}
 * (the same name, see application.properties) and keeps what is declared here.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiDocumentFilter implements OASFilter {

    /** the one security scheme; quarkus.smallrye-openapi.security-scheme-name names it the same */
    public static final String SCHEME = "bearerAuth";

    static final String PROBLEM_JSON = "application/problem+json";

    /** the response header every answer carries (log.RequestIds sets it on the router, before any resource) */
    static final String REQUEST_ID = "X-Request-Id";

    static final String SCHEME_DESCRIPTION = "A bearer JWT (`Authorization: Bearer <token>`) from the deployment's "
            + "identity provider: signed with the key configured as MP_JWT_VERIFY_PUBLICKEY_LOCATION, issued by "
            + "mp.jwt.verify.issuer, carrying `iat` and `exp`. Its `groups` claim holds the roles, mapped one to one "
            + "onto the operations' roles: `theme-viewer` reads themes, previews, publications, channels and "
            + "assignments; `theme-editor` also writes drafts (create, update, delete, import); `theme-publisher` "
            + "publishes, rolls back, assigns, syncs and watches channels; `auditor` reads the audit trail. Each "
            + "operation lists the roles it accepts (any one of them suffices) in `x-roles` and in its description. "
            + "No token, an expired token, a wrong issuer or a bad signature is 401; a token without one of the "
            + "operation's roles is 403; both as application/problem+json.";

    static final String INFO_DESCRIPTION = "Themes for the CXone chat window: validate a theme (WCAG contrast), keep "
            + "drafts with versions, preview them, publish them to widgets through CXone (asynchronously: 202 and a "
            + "publication to poll or stream), roll back, run A/B assignments and bulk sync jobs, watch live channels "
            + "for drift, and read a tamper-evident audit trail. Every error is an RFC 9457 problem document "
            + "(application/problem+json, schema Problem) whose `errors[].code` comes from one list (ErrorCode). "
            + "Every operation needs a bearer JWT with one of the roles it names (see the security scheme).";

    /**
     * Schema names of framework types that the annotation scan lets in through method signatures (Vert.x's
     * RoutingContext and its User, Session, bodies; Netty's ByteBuf; Jackson's JsonNode; Mutiny and JAX-RS
     * wrappers): none of them is part of the API. OpenApiDocumentTest checks the served document against the same
     * kind of list.
     */
    static final Set<String> FRAMEWORK_SCHEMAS = Set.of("RoutingContext", "HttpServerRequest", "HttpServerResponse",
            "User", "Session", "AuthProvider", "JsonObject", "JsonArray", "Buffer", "ByteBuf", "MultiMap", "Cookie",
            "JsonNode", "JsonNodeType", "ObjectNode", "ArrayNode", "Uni", "Multi", "RestMulti", "Response",
            "RestResponse", "SecurityIdentity", "Principal", "JsonWebToken", "Context", "Vertx");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getInfo() == null) {
            openAPI.setInfo(OASFactory.createInfo());
        }
        if (openAPI.getInfo().getDescription() == null) {
            openAPI.getInfo().setDescription(INFO_DESCRIPTION);
        }
        if (openAPI.getInfo().getContact() == null) {
            openAPI.getInfo().setContact(OASFactory.createContact().name("cxone-theme-service maintainers"));
        }
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.setServers(new ArrayList<>(List.of(OASFactory.createServer().url("/")
                    .description("this service itself: the document's paths are relative to where it is served"))));
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        declareScheme(components);
        declareProblem(components);
        declareRequestIdHeader(components);
        removeFrameworkSchemas(components);
        dropTypesBesideRefs(components);
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach(this::filterPath);
        }
        if (openAPI.getSecurity() != null) {
            openAPI.getSecurity().forEach(r -> withoutScopes(r, new ArrayList<>()));
        }
    }

    private static void declareScheme(Components components) {
        Map<String, SecurityScheme> schemes = components.getSecuritySchemes() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(components.getSecuritySchemes());
        schemes.keySet().removeIf(name -> !SCHEME.equals(name)); // one scheme, whatever else declared one
        schemes.put(SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description(SCHEME_DESCRIPTION));
        components.setSecuritySchemes(schemes);
    }

    private static void declareProblem(Components components) {
        if (components.getSchemas() != null && components.getSchemas().containsKey("Problem")) {
            return; // scanned from the record (its @Schema names it)
        }
        Schema fieldError = components.getSchemas() != null && components.getSchemas().containsKey("FieldError")
                ? OASFactory.createSchema().ref("FieldError")
                : OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
        components.addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document; `errors` names each offending field with its code, "
                        + "`report` carries a validation report where the request was a theme")
                .addProperty("type", string("a URI naming the problem kind, urn:cxone-theme-service:problem:<status>"))
                .addProperty("title", string("short summary of the problem kind"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").description("the HTTP status"))
                .addProperty("detail", string("what went wrong in this request, and what to do"))
                .addProperty("instance", string("the request path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("each offending field"))
                .addProperty("report", OASFactory.createSchema()
                        .description("the validation report (ValidationReport) of a refused theme"))
                .addRequired("type").addRequired("title").addRequired("status"));
    }

    private static void declareRequestIdHeader(Components components) {
        components.addHeader(REQUEST_ID, OASFactory.createHeader().schema(OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)).description("The request's id, on every answer: the caller's own "
                        + "X-Request-Id when it is a plain token (1-64 of A-Z a-z 0-9 . _ : -), else one the service "
                        + "chose. Logs, audit events and jobs of the request carry it: quote it when reporting a problem."));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static void removeFrameworkSchemas(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        Map<String, Schema> kept = new LinkedHashMap<>(components.getSchemas());
        kept.keySet().removeIf(FRAMEWORK_SCHEMAS::contains);
        components.setSchemas(kept);
        kept.values().forEach(OpenApiDocumentFilter::fixSchema);
    }

    /**
     * A property whose type is one of our own schemas (an enum, UUID) and that has an example or default is scanned
     * as {@code $ref} plus the referenced schema's {@code type}: redundant in OpenAPI 3.1, and OpenAPI Generator warns
     * about it ("Type(s) cleared ... given $ref is set") and drops the type. The type goes where it only repeats the
     * referenced schema's.
     */
    private static void dropTypesBesideRefs(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        for (Schema schema : components.getSchemas().values()) {
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            for (Schema property : schema.getProperties().values()) {
                String name = property == null ? null : refName(property);
                Schema target = name == null ? null : components.getSchemas().get(name);
                if (target != null && property.getType() != null && property.getType().equals(target.getType())) {
                    property.setType(null);
                }
            }
        }
    }

    private void filterPath(String path, PathItem item) {
        if (item == null || item.getOperations() == null) {
            return;
        }
        boolean open = path.startsWith("/q/");
        if (item.getParameters() != null) {
            item.getParameters().forEach(OpenApiDocumentFilter::fixParameter);
        }
        item.getOperations().forEach((method, operation) -> filterOperation(operation, open));
    }

    private void filterOperation(Operation operation, boolean open) {
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(OpenApiDocumentFilter::fixParameter);
        }
        if (operation.getRequestBody() != null) {
            Content content = operation.getRequestBody().getContent();
            if (content != null && content.getMediaTypes() != null && content.getMediaTypes().values().stream()
                    .anyMatch(m -> m != null && m.getSchema() != null && isFrameworkRef(m.getSchema()))) {
                operation.setRequestBody(null); // a RoutingContext parameter: no body is read
            } else {
                fixContent(content);
            }
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().values().forEach(OpenApiDocumentFilter::fixResponse);
        }
        if (open) {
            operation.setSecurity(new ArrayList<>()); // health, metrics, the document itself: no token
        } else {
            secure(operation);
            problemBodies(operation);
        }
        declareRequestId(operation);
    }

    /**
     * Every error the API answers is a problem document (problem.ProblemMappers): a 4xx or 5xx response declared
     * without content gets the problem+json body, so the resources declare only the status and what it means. Runs
     * after {@link #secure}, whose 401 and 403 carry it already; the Problem schema itself is scanned from the record.
     */
    private static void problemBodies(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (response != null && response.getRef() == null && (status.startsWith("4") || status.startsWith("5"))
                    && (response.getContent() == null || response.getContent().getMediaTypes() == null
                            || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(PROBLEM_JSON,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }

    /** every response of the operation, the 401/403 added by {@link #secure} too, names the X-Request-Id header */
    private static void declareRequestId(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response != null && response.getRef() == null
                    && (response.getHeaders() == null || !response.getHeaders().containsKey(REQUEST_ID))) {
                response.addHeader(REQUEST_ID, OASFactory.createHeader().ref(REQUEST_ID));
            }
        }
    }

    private void secure(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return;
        }
        List<String> roles = new ArrayList<>();
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            requirements.add(withoutScopes(requirement, roles));
        }
        operation.setSecurity(requirements);
        if (requirements.stream().allMatch(r -> r.getSchemes() == null || r.getSchemes().isEmpty())) {
            return; // explicitly open
        }
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", List.copyOf(roles));
            String line = "Roles (any one): " + String.join(", ", roles.stream().map(r -> "`" + r + "`").toList()) + ".";
            String description = operation.getDescription();
            if (description == null || description.isBlank()) {
                operation.setDescription(line);
            } else if (!description.contains("Roles (any one)")) {
                operation.setDescription(description + "\n\n" + line);
            }
        }
        addProblemResponse(operation, "401", "No valid bearer token: missing, expired, wrong issuer or bad signature. "
                + "Get a new token from the identity provider.");
        addProblemResponse(operation, "403", "The token carries none of this operation's roles ("
                + String.join(", ", roles) + ").");
    }

    /** the same requirement on {@link #SCHEME} with no scopes; the scopes it had (roles) are added to roles */
    private static SecurityRequirement withoutScopes(SecurityRequirement requirement, List<String> roles) {
        SecurityRequirement plain = OASFactory.createSecurityRequirement();
        if (requirement.getSchemes() == null || requirement.getSchemes().isEmpty()) {
            return plain;
        }
        requirement.getSchemes().values().forEach(scopes -> {
            if (scopes != null) {
                scopes.stream().filter(r -> !roles.contains(r)).forEach(roles::add);
            }
        });
        return plain.addScheme(SCHEME);
    }

    private static void addProblemResponse(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null && existing.getContent().getMediaType(PROBLEM_JSON) != null) {
            return;
        }
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(problemContent()));
    }

    private static void fixParameter(Parameter parameter) {
        if (parameter == null) {
            return;
        }
        parameter.setSchema(fixed(parameter.getSchema()));
        fixContent(parameter.getContent());
        if (parameter.getSchema() == null && parameter.getContent() == null && parameter.getRef() == null) {
            // an @Parameter declared without a schema (the header parameters): OpenAPI needs schema or content
            parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
    }

    private static void fixResponse(APIResponse response) {
        if (response == null) {
            return;
        }
        fixContent(response.getContent());
        if (response.getHeaders() != null) {
            for (Header header : response.getHeaders().values()) {
                if (header != null) {
                    header.setSchema(fixed(header.getSchema()));
                }
            }
        }
    }

    private static void fixContent(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType media : content.getMediaTypes().values()) {
            if (media != null) {
                media.setSchema(fixed(media.getSchema()));
            }
        }
    }

    /** the schema with framework types replaced (a new schema where the root itself is one), arrays given items */
    private static Schema fixed(Schema schema) {
        if (schema == null) {
            return null;
        }
        if (isFrameworkRef(schema)) {
            return replacement(refName(schema));
        }
        if (isArray(schema) && schema.getItems() != null && isBytes(schema.getItems())) {
            // a stream of Buffers (e.g. the audit export's lines): text, not an array of objects
            return OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                    .description(schema.getDescription() != null ? schema.getDescription() : "the body as text");
        }
        fixSchema(schema);
        return schema;
    }

    private static void fixSchema(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getProperties() != null) {
            Map<String, Schema> properties = new LinkedHashMap<>();
            schema.getProperties().forEach((name, property) -> properties.put(name, fixed(property)));
            schema.setProperties(properties);
        }
        if (schema.getItems() != null) {
            schema.setItems(fixed(schema.getItems()));
        } else if (isArray(schema)) {
            schema.setItems(OASFactory.createSchema().description("any JSON value"));
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            schema.setAdditionalPropertiesSchema(fixed(schema.getAdditionalPropertiesSchema()));
        }
        for (List<Schema> list : new List[] { schema.getAllOf(), schema.getAnyOf(), schema.getOneOf() }) {
            if (list != null) {
                list.replaceAll(OpenApiDocumentFilter::fixed);
            }
        }
    }

    private static Schema replacement(String name) {
        return switch (name) {
            case "JsonNode", "ObjectNode", "JsonObject" -> OASFactory.createSchema()
                    .description("any JSON value (kept as sent)");
            case "ArrayNode", "JsonArray" -> OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                    .items(OASFactory.createSchema().description("any JSON value"));
            case "Buffer", "ByteBuf" -> OASFactory.createSchema().addType(Schema.SchemaType.STRING);
            case "JsonNodeType" -> OASFactory.createSchema().addType(Schema.SchemaType.STRING);
            default -> OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
        };
    }

    private static boolean isArray(Schema schema) {
        return schema.getType() != null && schema.getType().contains(Schema.SchemaType.ARRAY);
    }

    private static boolean isBytes(Schema schema) {
        String name = refName(schema);
        return "Buffer".equals(name) || "ByteBuf".equals(name);
    }

    private static boolean isFrameworkRef(Schema schema) {
        String name = refName(schema);
        return name != null && FRAMEWORK_SCHEMAS.contains(name);
    }

    private static String refName(Schema schema) {
        String ref = schema.getRef();
        return ref == null || !ref.startsWith("#/components/schemas/") ? null
                : ref.substring("#/components/schemas/".length());
    }
}

/* Swagger UI over the app's own OpenAPI document. */
window.ui = window.SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });

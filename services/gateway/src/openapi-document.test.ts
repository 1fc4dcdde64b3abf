import { describe, expect, it } from 'vitest';
import { maxTextLength } from './api-schemas.ts';
import { createOpenApiDocument } from './openapi-document.ts';

describe('createOpenApiDocument', () => {
  it('describes every endpoint from the request schemas themselves', () => {
    const document = createOpenApiDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      '/api/agents',
      '/api/stream',
      '/api/tasks',
      '/api/tasks/{taskId}',
      '/api/tasks/{taskId}/cancel',
      '/api/tasks/{taskId}/events',
      '/api/tasks/{taskId}/messages',
      '/healthz',
      '/metrics',
      '/readyz',
    ]);
    const schemas = document.components?.schemas ?? {};
    expect(schemas.CreateTaskBody).toMatchObject({
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string', minLength: 1, maxLength: maxTextLength } },
    });
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Task', 'StreamEvent', 'Error', 'AgentsResponse']));
    const events = document.paths?.['/api/tasks/{taskId}/events']?.get;
    expect(Object.keys(events?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '204', '400', '401', '404', '429']),
    );
    expect(events?.parameters?.map((parameter) => ('name' in parameter ? parameter.name : ''))).toEqual(
      expect.arrayContaining(['taskId', 'after', 'access_token', 'last-event-id']),
    );
  });
});

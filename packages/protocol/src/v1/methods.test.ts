import { describe, expect, it } from 'vitest';
import { methods } from '../methods.ts';
import type { MessageSendParams, TaskPushNotificationConfig } from '../index.ts';
import {
  fullPushConfig,
  messageSendParams,
  messageSendParamsWithConfiguration,
  minimalPushConfig,
  resubscribeParams,
  taskIdParams,
  taskPushConfig,
  taskQueryParams,
} from '../fixtures/samples.ts';
import {
  V1ListTasksRequestSchema,
  V1ListTasksResponseSchema,
  fromV1ListTasksRequest,
  fromV1ListTasksResponse,
  toV1ListTasksRequest,
  toV1ListTasksResponse,
} from './list-tasks.ts';
import type { ListTasksParams, ListTasksResult } from './list-tasks.ts';
import { isV1MethodName, v1MethodNames, v1Methods } from './methods.ts';
import {
  V1TaskPushNotificationConfigSchema,
  fromV1TaskPushNotificationConfig,
  toV1TaskPushNotificationConfig,
} from './push-notification.ts';
import { V1SendMessageRequestSchema, fromV1SendMessageRequest, toV1SendMessageRequest } from './send-message.ts';
import {
  V1GetTaskRequestSchema,
  V1TaskIdRequestSchema,
  fromV1GetTaskRequest,
  fromV1TaskIdRequest,
  toV1GetTaskRequest,
  toV1TaskIdRequest,
} from './task-requests.ts';
import { completedTask, submittedTask } from '../fixtures/samples.ts';

const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('the 1.0 method table', () => {
  it('names every 0.3 method, with disjoint names and the same streaming', () => {
    for (const [legacy, name] of Object.entries(v1MethodNames)) {
      expect(isV1MethodName(name)).toBe(true);
      expect(Object.hasOwn(methods, name)).toBe(false);
      expect(v1Methods[name].streaming, name).toBe(methods[legacy as keyof typeof methods].streaming);
    }
    expect(Object.keys(v1MethodNames).sort()).toEqual(Object.keys(methods).sort());
    expect(Object.keys(v1Methods)).toEqual([
      'SendMessage',
      'SendStreamingMessage',
      'GetTask',
      'ListTasks',
      'CancelTask',
      'SubscribeToTask',
      'CreateTaskPushNotificationConfig',
      'GetTaskPushNotificationConfig',
      'ListTaskPushNotificationConfigs',
      'DeleteTaskPushNotificationConfig',
      'GetExtendedAgentCard',
    ]);
  });
});

describe('SendMessage params', () => {
  it('turn blocking into returnImmediately and the push config flat', () => {
    const written = toV1SendMessageRequest(messageSendParamsWithConfiguration as unknown as MessageSendParams);
    expect(written.configuration).toEqual({
      acceptedOutputModes: ['text/plain', 'text/markdown'],
      historyLength: 10,
      returnImmediately: false,
      taskPushNotificationConfig: {
        id: 'push-cfg-1',
        url: fullPushConfig.url,
        token: fullPushConfig.token,
        authentication: { scheme: 'Bearer', credentials: fullPushConfig.authentication.credentials },
      },
    });
    expect(written.message.role).toBe('ROLE_USER');
    expect(toV1SendMessageRequest({ ...messageSendParams, configuration: { blocking: false } }).configuration).toEqual({
      returnImmediately: true,
    });
  });

  it.each([
    ['plain', messageSendParams],
    ['with configuration', messageSendParamsWithConfiguration],
    ['non-blocking', { ...messageSendParams, configuration: { blocking: false } }],
  ] as unknown as Array<[string, MessageSendParams]>)('%s come back unchanged and valid', (_name, params) => {
    const back = fromV1SendMessageRequest(V1SendMessageRequestSchema.parse(wire(toV1SendMessageRequest(params))));
    expect(back).toEqual(params);
    expect(methods['message/send'].params.safeParse(back).success).toBe(true);
  });

  it('read what a2a-js sends: an empty configuration and a tenant', () => {
    const read = V1SendMessageRequestSchema.parse({
      tenant: '',
      message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'hi' }] },
      configuration: {},
    });
    expect(fromV1SendMessageRequest(read)).toEqual({
      message: { kind: 'message', messageId: 'm', role: 'user', parts: [{ kind: 'text', text: 'hi' }] },
      configuration: {},
    });
  });
});

describe('task params', () => {
  it('GetTask keeps id and historyLength (1.0 has no metadata there)', () => {
    expect(toV1GetTaskRequest(taskQueryParams)).toEqual({ id: taskQueryParams.id, historyLength: 0 });
    expect(fromV1GetTaskRequest(V1GetTaskRequestSchema.parse({ id: 't', historyLength: 2, tenant: '' }))).toEqual({
      id: 't',
      historyLength: 2,
    });
  });

  it('CancelTask and SubscribeToTask come back unchanged, the cursor metadata included', () => {
    for (const params of [taskIdParams, resubscribeParams]) {
      expect(fromV1TaskIdRequest(V1TaskIdRequestSchema.parse(wire(toV1TaskIdRequest(params))))).toEqual(params);
    }
  });
});

describe('ListTasks', () => {
  it('names the state filter status, in 1.0 spelling, and comes back unchanged', () => {
    const params: ListTasksParams = {
      contextId: 'ctx',
      state: 'input-required',
      pageSize: 10,
      pageToken: 'task-9',
      historyLength: 1,
      statusTimestampAfter: '2025-05-01T10:00:00Z',
      includeArtifacts: true,
    };
    const written = toV1ListTasksRequest(params);
    expect(written).toMatchObject({ status: 'TASK_STATE_INPUT_REQUIRED', pageSize: 10 });
    expect(written).not.toHaveProperty('state');
    expect(fromV1ListTasksRequest(V1ListTasksRequestSchema.parse(wire(written)))).toEqual(params);
  });

  it('reads the ProtoJSON defaults as no filter', () => {
    const read = V1ListTasksRequestSchema.parse({
      contextId: '',
      status: 'TASK_STATE_UNSPECIFIED',
      pageSize: 0,
      pageToken: '',
    });
    expect(fromV1ListTasksRequest(read)).toEqual({});
  });

  it('writes every field of a page, nextPageToken "" on the last one, and comes back unchanged', () => {
    const last: ListTasksResult = { tasks: [completedTask], pageSize: 50, totalSize: 1 };
    expect(toV1ListTasksResponse(last)).toMatchObject({ nextPageToken: '', pageSize: 50, totalSize: 1 });
    const more: ListTasksResult = { tasks: [submittedTask], nextPageToken: 'task-1', pageSize: 1, totalSize: 2 };
    for (const page of [last, more]) {
      expect(fromV1ListTasksResponse(V1ListTasksResponseSchema.parse(wire(toV1ListTasksResponse(page))))).toEqual(page);
    }
  });
});

describe('push configurations', () => {
  it('are flat in 1.0, and come back unchanged', () => {
    expect(toV1TaskPushNotificationConfig(taskPushConfig)).toEqual({
      id: 'push-cfg-1',
      taskId: taskPushConfig.taskId,
      url: fullPushConfig.url,
      token: fullPushConfig.token,
      authentication: { scheme: 'Bearer', credentials: fullPushConfig.authentication.credentials },
    });
    const minimal: TaskPushNotificationConfig = { taskId: 't', pushNotificationConfig: minimalPushConfig };
    for (const config of [taskPushConfig, minimal] as TaskPushNotificationConfig[]) {
      const read = V1TaskPushNotificationConfigSchema.parse(wire(toV1TaskPushNotificationConfig(config)));
      expect(fromV1TaskPushNotificationConfig(read)).toEqual(config);
    }
  });
});

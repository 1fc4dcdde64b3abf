import { describe, expect, it } from 'vitest';
import { A2AError, ErrorCode } from '../errors.ts';
import {
  V1ErrorCode,
  a2aErrorDomain,
  errorInfoType,
  errorReasons,
  fromV1ErrorObject,
  toV1ErrorObject,
  versionNotSupportedError,
} from './errors.ts';

describe('errors, 0.3 → 1.0', () => {
  it.each(Object.entries(errorReasons))('%s carries an ErrorInfo with reason %s', (code, reason) => {
    const written = toV1ErrorObject(new A2AError(Number(code), 'boom').toJSON());
    expect(written).toEqual({
      code: Number(code),
      message: 'boom',
      data: [{ '@type': errorInfoType, reason, domain: a2aErrorDomain }],
    });
  });

  it('leaves JSON-RPC’s own errors without details, as a2a-js does', () => {
    for (const code of [
      ErrorCode.ParseError,
      ErrorCode.InvalidRequest,
      ErrorCode.MethodNotFound,
      ErrorCode.InternalError,
    ]) {
      expect(toV1ErrorObject(A2AError.of(code).toJSON())).not.toHaveProperty('data');
    }
  });

  it('keeps our data: string values as ErrorInfo metadata, anything else as a Struct', () => {
    const strings = toV1ErrorObject(A2AError.of(ErrorCode.TaskNotFound, 't-1', { taskId: 't-1' }).toJSON());
    expect(strings.data).toEqual([
      { '@type': errorInfoType, reason: 'TASK_NOT_FOUND', domain: a2aErrorDomain, metadata: { taskId: 't-1' } },
    ]);
    const nested = toV1ErrorObject(A2AError.of(ErrorCode.InternalError, undefined, { attempts: 3 }).toJSON());
    expect(nested.data).toEqual([{ '@type': 'type.googleapis.com/google.protobuf.Struct', value: { attempts: 3 } }]);
  });
});

describe('errors, both ways', () => {
  it.each([
    ['no data', A2AError.of(ErrorCode.TaskNotCancelable, 'task is completed')],
    ['string data', A2AError.of(ErrorCode.TaskNotFound, 't-1', { taskId: 't-1' })],
    ['structured data', A2AError.of(ErrorCode.UnsupportedOperation, undefined, { state: 'completed', seq: 4 })],
    ['a JSON-RPC error with data', A2AError.of(ErrorCode.InternalError, undefined, ['a', 1])],
  ])('%s comes back unchanged', (_name, error) => {
    const json = error.toJSON();
    expect(fromV1ErrorObject(JSON.parse(JSON.stringify(toV1ErrorObject(json))))).toEqual(json);
  });

  it('reads the ErrorInfo metadata of another server’s error as data', () => {
    const theirs = {
      code: -32001,
      message: 'Task not found',
      data: [{ '@type': errorInfoType, reason: 'TASK_NOT_FOUND', domain: a2aErrorDomain, metadata: { id: 'x' } }],
    };
    expect(fromV1ErrorObject(theirs)).toEqual({ code: -32001, message: 'Task not found', data: { id: 'x' } });
    expect(fromV1ErrorObject({ code: -32603, message: 'x', data: 'free-form' })).toEqual({
      code: -32603,
      message: 'x',
    });
  });
});

describe('versionNotSupportedError', () => {
  it('is -32009 and lists the versions we speak, in the message and the data', () => {
    const error = versionNotSupportedError('2.0', ['1.0', '0.3']);
    expect(error.code).toBe(V1ErrorCode.VersionNotSupported);
    expect(error.message).toBe('Version not supported: A2A-Version "2.0"; this agent speaks 1.0, 0.3');
    expect(toV1ErrorObject(error.toJSON()).data).toEqual([
      {
        '@type': errorInfoType,
        reason: 'VERSION_NOT_SUPPORTED',
        domain: a2aErrorDomain,
        metadata: { requestedVersion: '2.0', supportedVersions: '1.0,0.3' },
      },
    ]);
  });
});

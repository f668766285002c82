import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { actionNameOf, answerUnreadableFormsWith400 } from './form-body';

function post(contentType: string, body: string): Request {
	const request = new Request('http://localhost/x', {
		method: 'POST',
		headers: { 'content-type': contentType },
		body
	});
	answerUnreadableFormsWith400(request);
	return request;
}

async function statusOf(request: Request): Promise<number | 'parsed'> {
	try {
		await request.formData();
		return 'parsed';
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('reading a posted form', () => {
	it('still parses a well-formed form', async () => {
		const form = await post('application/x-www-form-urlencoded', 'a=1&b=2').formData();
		expect(form.get('b')).toBe('2');
	});

	it('answers 400 for a text/plain body', async () => {
		expect(await statusOf(post('text/plain', 'a=1'))).toBe(400);
	});

	it('answers 400 for a garbled multipart body', async () => {
		expect(await statusOf(post('multipart/form-data; boundary=xyz', '--xyz\r\ngarbage'))).toBe(400);
	});

	it('leaves a second read of the same body a programming error', async () => {
		const request = post('application/x-www-form-urlencoded', 'a=1');
		await request.formData();
		await expect(request.formData()).rejects.toBeInstanceOf(TypeError);
	});
});

describe('the action a post names', () => {
	it('is the first query key starting with a slash', () => {
		expect(actionNameOf(new URL('http://localhost/x?a=1&/default&/save'))).toBe('default');
		expect(actionNameOf(new URL('http://localhost/x?/save'))).toBe('save');
		expect(actionNameOf(new URL('http://localhost/x?a=1'))).toBeNull();
	});
});

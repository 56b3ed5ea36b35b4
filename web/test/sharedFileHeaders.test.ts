import { describe, expect, it } from 'vitest';
import { guardHeaders, MEDIA_CSP, sharedFileType, UNCHECKED_TYPE } from '../src/p2p/sharedFileHeaders';

describe('sharedFileType', () => {
  it.each(['video/mp4', 'video/webm', 'audio/ogg', 'video/x-matroska', 'audio/mpeg'])('keeps %s, inline', (type) => {
    expect(sharedFileType(type)).toEqual({ 'Content-Type': type });
  });

  // Issue 51, finding 3: the sharer declares the type; a document type would run on Cowatch's origin.
  it.each([
    'text/html',
    'image/svg+xml',
    'application/xhtml+xml',
    'text/xml',
    'application/pdf',
    'image/png',
    'text/plain',
    '',
    'video/mp4; charset=utf-8',
    'video/mp4\ntext/html',
    'Video/MP4',
    'video/',
    'text/html;video/mp4',
  ])('makes %j a download of no type', (type) => {
    expect(sharedFileType(type)).toEqual({ 'Content-Type': UNCHECKED_TYPE, 'Content-Disposition': 'attachment' });
  });

  it('makes a file without a declared type a download', () => {
    expect(sharedFileType(undefined)).toEqual({ 'Content-Type': UNCHECKED_TYPE, 'Content-Disposition': 'attachment' });
  });
});

describe('guardHeaders', () => {
  it('says nosniff and sandboxes whatever the bytes are opened as', () => {
    expect(guardHeaders()).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    });
    expect(MEDIA_CSP).toBe("sandbox; default-src 'none'");
  });

  it('goes into a Response as given', () => {
    const r = new Response('x', { status: 206, headers: { ...guardHeaders(), ...sharedFileType('text/html') } });
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.headers.get('content-disposition')).toBe('attachment');
    expect(r.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

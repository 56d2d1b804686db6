import { addUtm, decodeAttribute, isTrackable, rewriteHtmlLinks, rewriteTextLinks } from './links';

const tags = { utm_source: 'course-journeys', utm_medium: 'email', utm_campaign: 'welcome', utm_content: 'tpl-a' };
const utm = 'utm_source=course-journeys&utm_medium=email&utm_campaign=welcome&utm_content=tpl-a';

describe('addUtm', () => {
  it('adds the tags to a URL without a query, before its fragment', () => {
    expect(addUtm('https://school.test/courses/ux', tags)).toBe(`https://school.test/courses/ux?${utm}`);
    expect(addUtm('https://school.test/courses/ux#syllabus', tags)).toBe(`https://school.test/courses/ux?${utm}#syllabus`);
  });

  it("keeps the author's parameters byte for byte", () => {
    expect(addUtm('https://school.test/search?q=ux%20design&tags=a,b&x=1+2', tags)).toBe(`https://school.test/search?q=ux%20design&tags=a,b&x=1+2&${utm}`);
    expect(addUtm('https://school.test/p?', tags)).toBe(`https://school.test/p?${utm}`);
    expect(addUtm('https://school.test/p?a=1&', tags)).toBe(`https://school.test/p?a=1&${utm}`);
  });

  it('never overrides a UTM value the author set', () => {
    expect(addUtm('https://school.test/?utm_campaign=spring&utm_source=newsletter', tags)).toBe(
      'https://school.test/?utm_campaign=spring&utm_source=newsletter&utm_medium=email&utm_content=tpl-a',
    );
    const all = `https://school.test/?${utm.replace('welcome', 'mine')}`;
    expect(addUtm(all, tags)).toBe(all);
  });

  it('encodes tag values', () => {
    expect(addUtm('https://school.test/', { ...tags, utm_content: 'tpl a&b' })).toContain('utm_content=tpl%20a%26b');
  });
});

describe('isTrackable', () => {
  const publicUrl = 'https://app.test/cj/';

  it('tracks http(s) links anywhere else', () => {
    expect(isTrackable('https://school.test/courses', publicUrl)).toBe(true);
    expect(isTrackable('HTTP://school.test/', publicUrl)).toBe(true);
    expect(isTrackable('https://app.test/cj/courses/ux', publicUrl)).toBe(true);
    // Same path, other host: not ours.
    expect(isTrackable('https://other.test/cj/unsubscribe/x', publicUrl)).toBe(true);
    expect(isTrackable('https://app.test/cj/unsubscribed-faq', publicUrl)).toBe(true);
  });

  it('leaves other schemes, anchors, broken URLs and our own consent and tracking pages alone', () => {
    for (const url of ['mailto:help@school.test', 'tel:+441234', '#top', '/relative', 'javascript:alert(1)', 'https://', 'https://app.test/cj/unsubscribe/abc.def', 'https://app.test/cj/preferences/abc', 'https://app.test/cj/preferences', 'https://app.test/cj/m/c/abc']) {
      expect([url, isTrackable(url, publicUrl)]).toEqual([url, false]);
    }
  });
});

describe('rewriteHtmlLinks', () => {
  const mark = (url: string) => (url.includes('skip') ? undefined : `https://r.test/?to=${url}`);

  it('rewrites the href of a and area tags in any quoting, decoding entities first and encoding the result', () => {
    const html = `<p><a class="btn" href="https://s.test/a?x=1&amp;y=2">A</a> <a href='https://s.test/b'>B</a> <A HREF=https://s.test/c>C</A><map><area shape="rect" href="https://s.test/d"></map></p>`;
    expect(rewriteHtmlLinks(html, mark)).toBe(
      `<p><a class="btn" href="https://r.test/?to=https://s.test/a?x=1&amp;y=2">A</a> <a href="https://r.test/?to=https://s.test/b">B</a> <A HREF="https://r.test/?to=https://s.test/c">C</A><map><area shape="rect" href="https://r.test/?to=https://s.test/d"></map></p>`,
    );
  });

  it('leaves images, stylesheets, data-href, other tags and declined links unchanged', () => {
    const html = `<link href="https://s.test/x.css"><img src="https://s.test/i.png"><abbr href="https://s.test/z">z</abbr><a data-href="https://s.test/q">q</a><a href="https://s.test/skip">s</a>`;
    expect(rewriteHtmlLinks(html, mark)).toBe(html);
  });
});

describe('rewriteTextLinks', () => {
  const mark = (url: string) => `<${url}>`;

  it('finds bare URLs and URLs in parentheses, leaving punctuation outside', () => {
    expect(rewriteTextLinks('Start (https://s.test/l?a=1). Or https://s.test/x, then https://s.test/y!', mark)).toBe(
      'Start (<https://s.test/l?a=1>). Or <https://s.test/x>, then <https://s.test/y>!',
    );
  });

  it('keeps balanced brackets that belong to the URL', () => {
    expect(rewriteTextLinks('See (https://w.test/wiki/A_(b)) now', mark)).toBe('See (<https://w.test/wiki/A_(b)>) now');
  });

  it('leaves text without http(s) URLs alone', () => {
    const text = 'Write to mailto:help@s.test or call tel:123; ftp://s.test stays';
    expect(rewriteTextLinks(text, mark)).toBe(text);
  });
});

describe('decodeAttribute', () => {
  it('decodes named and numeric entities and keeps unknown ones', () => {
    expect(decodeAttribute('a&amp;b&#38;c&#x26;d&quot;&copy;')).toBe('a&b&c&d"&copy;');
  });
});

/* csv.c — an RFC 4180 CSV reader for the reference exports sitrep reads
 * (ACLED, UCDP GED): records with quoted fields over several lines, columns
 * found by header name in any case, per-field and per-record caps, and the
 * date and inter-code forms those exports use. */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CSV_FIELD_MAX ((size_t)1 << 20) /* cap on one field */
#define CSV_MAX_FIELDS 1024             /* cap on fields in one record */

struct sr_csv {
    char *data; /* the whole file */
    const char *p, *end;
    long line;  /* physical line of p, 1-based */
    sr__buf rec; /* the current record's fields, each NUL-terminated */
    size_t off[CSV_MAX_FIELDS];
    int nf;
    char err[256];
};

sr_csv *sr_csv_open(const char *path, char *err, size_t errlen)
{
    sr_csv *c = calloc(1, sizeof *c);
    if (!c) {
        sr__errf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    size_t len = 0;
    int rc = sr__read_all(path, SR_MAX_INPUT_BYTES, &c->data, &len);
    if (rc) {
        sr__errf(err, errlen, "%s: %s", path,
                 rc == SR_ETOOBIG ? "over the size cap of 256 MB; split the file"
                                  : "cannot be read; check the path and its permissions");
        free(c);
        return NULL;
    }
    c->p = c->data;
    c->end = c->data + len;
    c->line = 1;
    sr__buf_init(&c->rec, CSV_FIELD_MAX * 4);
    return c;
}

void sr_csv_free(sr_csv *c)
{
    if (!c)
        return;
    sr__buf_release(&c->rec);
    free(c->data);
    free(c);
}

const char *sr_csv_error(const sr_csv *c)
{
    return c && c->err[0] ? c->err : "no error";
}

/* Skips the rest of the physical line, so that a malformed record costs one line. */
static void skip_line(sr_csv *c)
{
    while (c->p < c->end && *c->p != '\n')
        c->p++;
    if (c->p < c->end) {
        c->p++;
        c->line++;
    }
}

static int put(sr_csv *c, const char *s, size_t n, size_t fstart, int *over)
{
    if (c->rec.len - fstart + n > CSV_FIELD_MAX) {
        *over = 1;
        return 0;
    }
    return sr__buf_add(&c->rec, s, n);
}

int sr_csv_next(sr_csv *c, long *start)
{
    long dummy;
    if (!start)
        start = &dummy;
    if (!c || c->p >= c->end)
        return 0;
    *start = c->line;
    c->rec.len = 0;
    c->nf = 0;
    c->err[0] = 0;
    for (;;) {
        size_t fstart = c->rec.len;
        int over = 0;
        if (c->nf >= CSV_MAX_FIELDS) {
            snprintf(c->err, sizeof c->err, "record has more than %d fields", CSV_MAX_FIELDS);
            skip_line(c);
            return -1;
        }
        c->off[c->nf++] = fstart;
        if (c->p < c->end && *c->p == '"') {
            long opened = c->line;
            c->p++;
            for (;;) {
                if (c->p >= c->end) {
                    snprintf(c->err, sizeof c->err,
                             "quoted field opened on line %ld is never closed; close it with '\"'", opened);
                    return -1;
                }
                /* copy the run up to the next quote in one append */
                const char *q = memchr(c->p, '"', (size_t)(c->end - c->p));
                const char *stop = q ? q : c->end;
                for (const char *x = c->p; x < stop; x++)
                    c->line += *x == '\n';
                if (put(c, c->p, (size_t)(stop - c->p), fstart, &over))
                    goto nomem;
                c->p = stop;
                if (!q)
                    continue;
                if (c->p + 1 < c->end && c->p[1] == '"') {
                    if (put(c, "\"", 1, fstart, &over))
                        goto nomem;
                    c->p += 2;
                } else {
                    c->p++;
                    break;
                }
            }
            if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
                !(*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')) {
                snprintf(c->err, sizeof c->err,
                         "field %d: text after a closing quote; double a quote inside a quoted field (\"\")", c->nf);
                skip_line(c);
                return -1;
            }
            if (c->p < c->end && *c->p == '\r')
                c->p++;
        } else {
            const char *s = c->p;
            while (c->p < c->end && *c->p != ',' && *c->p != '\n')
                c->p++;
            const char *e = c->p;
            if (e > s && e[-1] == '\r' && c->p < c->end && *c->p == '\n')
                e--;
            if (put(c, s, (size_t)(e - s), fstart, &over))
                goto nomem;
        }
        if (sr__buf_addc(&c->rec, 0))
            goto nomem;
        if (over)
            snprintf(c->err, sizeof c->err, "field %d is over %zu bytes", c->nf, CSV_FIELD_MAX);
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\n') {
            c->p++;
            c->line++;
        }
        return c->err[0] ? -1 : 1;
    }
nomem:
    snprintf(c->err, sizeof c->err, "record over %zu bytes; split the file", CSV_FIELD_MAX * 4);
    skip_line(c);
    return -1;
}

const char *sr_csv_bytes(const sr_csv *c, size_t *len)
{
    *len = c ? (size_t)(c->end - c->data) : 0;
    return c ? c->data : "";
}

int sr_csv_count(const sr_csv *c)
{
    return c ? c->nf : 0;
}

const char *sr_csv_field(const sr_csv *c, int i)
{
    return (c && i >= 0 && i < c->nf && c->rec.p) ? c->rec.p + c->off[i] : "";
}

int sr_csv_find(const sr_csv *c, const char *name)
{
    for (int i = 0; c && i < c->nf; i++) {
        const char *h = sr_csv_field(c, i);
        if (i == 0 && !strncmp(h, "\xEF\xBB\xBF", 3))
            h += 3;
        while (isspace((unsigned char)*h))
            h++;
        size_t n = strlen(h);
        while (n && isspace((unsigned char)h[n - 1]))
            n--;
        if (n == strlen(name) && !strncasecmp(h, name, n))
            return i;
    }
    return -1;
}

/* ---- values as the exports write them ---------------------------------- */

static int month_of(const char *s, size_t n)
{
    static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(s, names[i], 3))
            return i + 1;
    return 0;
}

static int date_n(const char *s, size_t n, char out[11]);

int sr_csv_date(const char *s, char out[11])
{
    const char *part[3];
    size_t plen[3];
    int n = 0;
    const char *q = s;
    out[0] = 0;
    /* ISO with a time ("2020-05-09 00:00:00.000", UCDP): keep the date */
    if (strlen(s) > 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && (s[10] == ' ' || s[10] == 'T'))
        return date_n(s, 10, out);
    while (*q && n < 4) {
        while (*q == ' ' || *q == '-' || *q == '/' || *q == '.' || *q == ',')
            q++;
        if (!*q)
            break;
        if (n == 3)
            return SR_EPARSE;
        part[n] = q;
        while (*q && *q != ' ' && *q != '-' && *q != '/' && *q != '.' && *q != ',')
            q++;
        plen[n] = (size_t)(q - part[n]);
        n++;
    }
    if (n != 3)
        return SR_EPARSE;
    int y, m, d;
    char *e;
    if (plen[0] == 4 && isdigit((unsigned char)part[0][0])) { /* ISO */
        y = (int)strtol(part[0], &e, 10);
        m = (int)strtol(part[1], &e, 10);
        if (e != part[1] + plen[1])
            return SR_EPARSE;
        d = (int)strtol(part[2], &e, 10);
        if (e != part[2] + plen[2])
            return SR_EPARSE;
    } else {
        d = (int)strtol(part[0], &e, 10);
        if (e != part[0] + plen[0])
            return SR_EPARSE;
        if (isdigit((unsigned char)part[1][0])) {
            m = (int)strtol(part[1], &e, 10);
            if (e != part[1] + plen[1])
                return SR_EPARSE;
        } else if (!(m = month_of(part[1], plen[1])))
            return SR_EPARSE;
        y = (int)strtol(part[2], &e, 10);
        if (e != part[2] + plen[2] || (plen[2] != 2 && plen[2] != 4))
            return SR_EPARSE;
        if (plen[2] == 2) /* ACLED's data start in 1997 */
            y += y >= 90 ? 1900 : 2000;
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > sr__month_days(y, m))
        return SR_EPARSE;
    sr__date_fmt((sr__date){y, m, d}, out);
    return 0;
}

static int date_n(const char *s, size_t n, char out[11])
{
    char tmp[64];
    if (n >= sizeof tmp)
        return SR_EPARSE;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    return sr_csv_date(tmp, out);
}

int sr_csv_inter(const char *s)
{
    static const char *names[] = {"state forces", "rebel group",  "political militia", "identity militia",
                                  "rioters",      "protesters",   "civilians",         "external/other forces"};
    size_t n = strlen(s);
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return 0;
    if (isdigit((unsigned char)s[0])) {
        int v = 0;
        for (size_t i = 0; i < n && isdigit((unsigned char)s[i]) && v < 100; i++)
            v = v * 10 + (s[i] - '0');
        return v >= 1 && v <= 8 ? v : 0;
    }
    for (int i = 0; i < 8; i++)
        if (strlen(names[i]) == n && !strncasecmp(s, names[i], n))
            return i + 1;
    return 0;
}

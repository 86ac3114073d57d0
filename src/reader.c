/* reader.c — STUB, to be replaced: input formats. */
#include "internal.h"
#include <string.h>
int sr_format_parse(const char *name) { return -1; }
sr_format sr_format_detect(const char *buf, size_t len, const char *filename) { return SR_FMT_TEXT; }
int sr_read_buffer(const char *buf, size_t len, const char *origin, const sr_read_opts *opts, sr_doc_cb cb, void *ud) { return SR_EINVAL; }
int sr_read_file(const char *path, const sr_read_opts *opts, sr_doc_cb cb, void *ud) { return SR_EINVAL; }

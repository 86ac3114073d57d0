/* gazetteer.h — the layout of the compiled gazetteer index (gazetteer.bin),
 * shared by the build tool that writes it (tools/mkgaz.c) and the library
 * that memory-maps it (src/gazetteer.c). Fixed-size records, 8-byte aligned
 * sections, strings as offsets into one pool; see docs/geocoding.md. */
#ifndef SR_GAZETTEER_H
#define SR_GAZETTEER_H

#include <stdint.h>

#define SR_GZ_MAGIC "SRGAZ005" /* 3: alternate-name bit in the place lists; 4: spelling keys;
                                * 5: the keys in the matcher's hash table (find-only) */

enum { SR_GZ_CITY = 1, SR_GZ_ADMIN1, SR_GZ_ADMIN2, SR_GZ_REGION, SR_GZ_FEATURE };
enum {
    SR_GZ_NAME_COMMON = 1, /* every word of the name is a common English word */
    SR_GZ_NAME_ALT = 2,    /* the name is only a GeoNames alternate name of each of its places */
    SR_GZ_NAME_KEY = 4,    /* a spelling key ("#mrprks", sr__gaz_key), never matched in text */
    SR_GZ_NAME_UNIT = 8    /* one of its places is an admin1 or admin2 unit */
};
/* In the place lists, this bit marks a place the name reaches only through one of
 * GeoNames' alternate names (a foreign exonym, an old or local form), not
 * through its own name, ASCII name or sitrep's rows. */
#define SR_GZ_LIST_ALT 0x80000000u
#define SR_GZ_NONE UINT32_MAX

typedef struct sr__gzplace {
    uint32_t geonameid; /* 0 for sitrep's own rows (data/places.tsv) */
    uint32_t name;      /* pool offset of the display name */
    float lat, lon;
    uint32_t pop;       /* for admin units, the population of their places */
    uint32_t admin1;    /* index in the admin1 table, SR_GZ_NONE when unknown */
    uint32_t admin2;    /* pool offset of the admin2 name, 0 when unknown */
    char iso3[4];
    char fcode[6];      /* GeoNames feature code (PPL, PPLA, PPLC, ADM1...) */
    uint8_t kind;       /* SR_GZ_… */
    uint8_t own;        /* 1: from data/places.tsv */
} sr__gzplace;

typedef struct sr__gzadmin1 {
    char iso3[4];
    char code[12];   /* GeoNames admin1 code within the country ("12") */
    uint32_t name;   /* GeoNames spelling */
    uint32_t acled;  /* ACLED's spelling (data/places.tsv, else the name without "State"...) */
    uint32_t place;  /* the place record of the unit itself */
} sr__gzadmin1;

typedef struct sr__gzname {
    uint32_t first, count; /* places in the list array */
    uint32_t text;         /* pool offset of the normalised name */
    uint32_t flags;        /* SR_GZ_NAME_… */
} sr__gzname;

typedef struct sr__gzheader {
    char magic[8];
    uint64_t nplaces, nadmin1, nnames, nlist, pool_len;
    uint64_t off_places, off_admin1, off_names, off_list, off_pool, off_matcher, total;
} sr__gzheader;

#endif

/* lexicon.c — STUB */
#include "internal.h"

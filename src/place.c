/* place.c — STUB */
#include "internal.h"

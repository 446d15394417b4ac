/* version.c - the smallest consumer of an installed libfactdiff: any API version. */
#include <stdio.h>
#include <string.h>

#include <factdiff.h>

int main(void) {
    printf("libfactdiff %s (header %s), rules %s\n", fd_version(), FD_VERSION_STRING,
           fd_default_rules_dir());
    return strcmp(fd_version(), FD_VERSION_STRING) != 0;
}

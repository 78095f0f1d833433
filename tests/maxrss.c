/* SPDX-License-Identifier: MIT */
/*
 * maxrss: runs a command and prints its peak RSS in KiB, then its exit
 * status.  Linux carries a process's RSS high-water mark across exec, so
 * a measurement made by forking from a large parent (python, GNU time)
 * reports at least the parent's size; this launcher is static and tiny.
 * The command's stdin, stdout and stderr are /dev/null.
 *   usage: maxrss CMD [ARG...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status;

	if (argc < 2) {
		fputs("usage: maxrss CMD [ARG...]\n", stderr);
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("maxrss: fork");
		return 1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("maxrss: wait4");
		return 1;
	}
	printf("%ld %d\n", ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 0;
}

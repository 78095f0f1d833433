/* SPDX-License-Identifier: MIT */
/*
 * maxrss: runs a command and prints its peak RSS in KiB, its exit
 * status, and its CPU time (user + system) and wall time in ms.  Linux carries a process's RSS high-water mark across exec, so
 * a measurement made by forking from a large parent (python, GNU time)
 * reports at least the parent's size; this launcher is static and tiny.
 * The command's stdin, stdout and stderr are /dev/null.
 *   usage: maxrss CMD [ARG...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	struct timespec t0;
	struct timespec t1;
	pid_t pid;
	int status;
	long cpu_ms;
	long wall_ms;

	if (argc < 2) {
		fputs("usage: maxrss CMD [ARG...]\n", stderr);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
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
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
	wall_ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000;
	printf("%ld %d %ld %ld\n", ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128, cpu_ms, wall_ms);
	return 0;
}

using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Portal.Bench.Load;

/// <summary>
/// The few Linux calls the SSE load client needs that .NET does not offer: reading a socket with the kernel's
/// receive timestamp (SO_TIMESTAMPNS, so the time an event reached the phone's socket is known apart from when the
/// shared-core client got round to it), epoll (one thread waits on every phone's socket, instead of a thread-pool
/// work item per readable socket), binding a source address without reserving a port (IP_BIND_ADDRESS_NO_PORT,
/// so several loopback addresses multiply the ephemeral ports), and the open-files limit. x86-64 only: the layout
/// of epoll_event differs on other architectures.
/// </summary>
public static unsafe partial class LinuxSockets
{
    private const int SolSocket = 1, SoTimestampNs = 35, ScmTimestampNs = 35, SolIp = 0, IpBindAddressNoPort = 24;
    private const int MsgDontWait = 0x40, EAgain = 11, EIntr = 4, RlimitNoFile = 7;
    private const int EpollCloexec = 0x80000, EpollCtlAdd = 1;
    private const uint EpollIn = 0x1, EpollRdHup = 0x2000;

    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>From now on, every read of this socket through <see cref="Receive"/> carries the time its bytes arrived.</summary>
    public static void EnableReceiveTimestamps(Socket socket) => socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));

    /// <summary>Binds the socket to <paramref name="source"/>, leaving the port to connect(), which can share one port among destinations.</summary>
    public static void BindSource(Socket socket, IPAddress source)
    {
        socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
        socket.Bind(new IPEndPoint(source, 0));
    }

    /// <summary>The outcome of one non-blocking read.</summary>
    public enum ReadResult { Data, WouldBlock, Closed, Failed }

    /// <summary>
    /// Reads what the socket has, without blocking. On <see cref="ReadResult.Data"/>, <paramref name="count"/> bytes
    /// are in the buffer and <paramref name="arrivedUnixNs"/> is when the kernel received the last of them (Unix time in
    /// nanoseconds, CLOCK_REALTIME; 0 if the kernel gave none).
    /// </summary>
    public static ReadResult Receive(Socket socket, Span<byte> buffer, out int count, out long arrivedUnixNs, out int errno)
    {
        count = 0;
        arrivedUnixNs = 0;
        errno = 0;
        // cmsghdr (16 bytes) + timespec (16 bytes), with room to spare.
        var control = stackalloc byte[64];
        fixed (byte* data = buffer)
        {
            var vector = new IoVector { Base = data, Length = (nuint)buffer.Length };
            var message = new MessageHeader { Vectors = &vector, VectorCount = 1, Control = control, ControlLength = 64 };
            nint read;
            do
            {
                read = recvmsg((int)socket.Handle, &message, MsgDontWait);
            } while (read < 0 && (errno = Marshal.GetLastPInvokeError()) == EIntr);

            if (read < 0) return errno == EAgain ? ReadResult.WouldBlock : ReadResult.Failed;
            if (read == 0) return ReadResult.Closed;
            count = (int)read;
            for (var offset = 0; offset + 16 <= (int)message.ControlLength;)
            {
                var length = (int)*(nuint*)(control + offset);
                if (length < 16) break;
                if (*(int*)(control + offset + 8) == SolSocket && *(int*)(control + offset + 12) == ScmTimestampNs && length >= 32)
                {
                    var seconds = *(long*)(control + offset + 16);
                    var nanoseconds = *(long*)(control + offset + 24);
                    arrivedUnixNs = seconds * 1_000_000_000 + nanoseconds;
                }
                offset += (length + 7) & ~7;
            }
            return ReadResult.Data;
        }
    }

    /// <summary>A new epoll instance (its file descriptor).</summary>
    public static int EpollCreate()
    {
        var epoll = epoll_create1(EpollCloexec);
        if (epoll < 0) throw new InvalidOperationException($"epoll_create1 failed ({Marshal.GetLastPInvokeError()}).");
        return epoll;
    }

    /// <summary>Reports the socket readable (or closed) to <see cref="EpollWait"/>, level-triggered, with <paramref name="key"/>.</summary>
    public static void EpollAdd(int epoll, Socket socket, ulong key)
    {
        var registration = new EpollEvent { Events = EpollIn | EpollRdHup, Key = key };
        if (epoll_ctl(epoll, EpollCtlAdd, (int)socket.Handle, &registration) != 0)
            throw new InvalidOperationException($"epoll_ctl failed ({Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for readable sockets; writes their keys and returns how many.</summary>
    public static int EpollWait(int epoll, Span<ulong> keys, int timeoutMilliseconds)
    {
        var events = stackalloc EpollEvent[keys.Length];
        int ready;
        do
        {
            ready = epoll_wait(epoll, events, keys.Length, timeoutMilliseconds);
        } while (ready < 0 && Marshal.GetLastPInvokeError() == EIntr);
        if (ready < 0) throw new InvalidOperationException($"epoll_wait failed ({Marshal.GetLastPInvokeError()}).");
        for (var i = 0; i < ready; i++) keys[i] = events[i].Key;
        return ready;
    }

    public static void Close(int descriptor) => close(descriptor);

    /// <summary>The calling thread's id, as /proc/self/task names it.</summary>
    public static int CurrentThreadId() => gettid();

    /// <summary>CPU time a thread of this process has run so far, from the scheduler's own count (nanoseconds).</summary>
    public static TimeSpan ThreadCpuTime(int threadId)
    {
        var first = File.ReadAllText($"/proc/self/task/{threadId}/schedstat").Split(' ')[0];
        return TimeSpan.FromTicks(long.Parse(first, System.Globalization.CultureInfo.InvariantCulture) / 100);
    }

    /// <summary>The soft and hard limits on open files of this process (and of the processes it starts).</summary>
    public static (ulong Soft, ulong Hard) OpenFileLimit()
    {
        ResourceLimit limit;
        if (getrlimit(RlimitNoFile, &limit) != 0) throw new InvalidOperationException($"getrlimit failed ({Marshal.GetLastPInvokeError()}).");
        return (limit.Current, limit.Maximum);
    }

    /// <summary>
    /// Raises the soft limit on open files to at least <paramref name="wanted"/> when the hard limit allows (a server
    /// started afterwards inherits it); returns the soft limit now in force.
    /// </summary>
    public static ulong RaiseOpenFileLimit(ulong wanted)
    {
        var (soft, hard) = OpenFileLimit();
        if (soft >= wanted) return soft;
        var limit = new ResourceLimit { Current = Math.Min(wanted, hard), Maximum = hard };
        if (setrlimit(RlimitNoFile, &limit) != 0) throw new InvalidOperationException($"setrlimit failed ({Marshal.GetLastPInvokeError()}).");
        return limit.Current;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct epoll_event, packed on x86-64 (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Key;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recvmsg(int socket, MessageHeader* message, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epoll, int operation, int descriptor, EpollEvent* registration);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epoll, EpollEvent* events, int capacity, int timeoutMilliseconds);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int descriptor);

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, ResourceLimit* limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, ResourceLimit* limit);
}

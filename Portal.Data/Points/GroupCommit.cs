using System.Data.Common;
using Portal.Data.Database;

namespace Portal.Data.Points;

/// <summary>
/// Group commit for small write transactions. A caller that finds no commit running leads: it takes every
/// request waiting (up to <see cref="MaxBatch"/>), runs them one after another in one write transaction, each
/// inside its own savepoint, and commits once; requests that arrive meanwhile wait for the next round. A request
/// that fails is rolled back to its savepoint alone and gets its own exception; the others commit. Nobody's
/// answer is given before the commit that holds it is durable, so this changes speed, not guarantees.
/// </summary>
public sealed class GroupCommit(PortalDatabase db)
{
    public const int MaxBatch = 128;

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _waiting = new();
    private bool _leading;

    private abstract class Pending
    {
        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction);
        public abstract void Complete();
        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<DbConnection, DbTransaction, Task<T>> work) : Pending
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction)
        {
            await transaction.SaveAsync("request");
            try
            {
                _result = await work(connection, transaction);
                await transaction.ReleaseAsync("request");
            }
            catch (Exception e)
            {
                await transaction.RollbackAsync("request");
                await transaction.ReleaseAsync("request");
                _error = e;
            }
        }

        public override void Complete()
        {
            if (_error is not null) _done.TrySetException(_error);
            else _done.TrySetResult(_result!);
        }

        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }

    /// <summary>Runs <paramref name="work"/> in a shared write transaction and returns once that is committed.</summary>
    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work)
    {
        var pending = new Pending<T>(work);
        bool lead;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            lead = !_leading;
            _leading = true;
        }
        if (lead) _ = Task.Run(LeadAsync);
        return pending.Task;
    }

    private async Task LeadAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (_gate)
            {
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next)) batch.Add(next);
                if (batch.Count == 0)
                {
                    _leading = false;
                    return;
                }
            }
            try
            {
                // The requests' own cancellation tokens are not used here: once queued, a request is committed or refused.
                await db.WriteAsync(async (connection, transaction) =>
                {
                    foreach (var pending in batch) await pending.RunAsync(connection, transaction);
                    return batch.Count;
                }, CancellationToken.None);
                foreach (var pending in batch) pending.Complete();
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Fail(e);
            }
        }
    }
}

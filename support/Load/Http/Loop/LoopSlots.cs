namespace MangaMotion.Acceptance.Load.Http.Loop;

/// <summary>
/// The loop's table of watched streams. A stream is registered with epoll under a key of its slot and a
/// generation: a slot freed and given to the next connection gets a new key, so an event still in flight
/// for the old connection (read by epoll_wait before the removal took effect) finds no stream, never the new one.
/// </summary>
internal sealed class LoopSlots<T> where T : class
{
    private readonly Lock _gate = new();
    private T?[] _items;
    private ulong[] _keys;
    private readonly Stack<int> _free;
    private uint _generation;

    public LoopSlots(int capacity = 64)
    {
        (_items, _keys) = (new T?[capacity], new ulong[capacity]);
        _free = new Stack<int>(Enumerable.Range(0, capacity).Reverse());
    }

    /// <summary>Takes a free slot for <paramref name="item"/>; the key names the slot and this use of it.</summary>
    public ulong Add(T item)
    {
        lock (_gate)
        {
            if (_free.Count == 0) Grow();
            var slot = _free.Pop();
            var key = (ulong)++_generation << 32 | (uint)slot;
            // The key before the item: a reader that sees the item sees its key (both read under Volatile below).
            Volatile.Write(ref _keys[slot], key);
            Volatile.Write(ref _items[slot], item);
            return key;
        }
    }

    /// <summary>Frees the key's slot, if the key is still the slot's (a second removal does nothing).</summary>
    public void Remove(ulong key)
    {
        lock (_gate)
        {
            var slot = (uint)key;
            if (slot >= (uint)_keys.Length || _keys[slot] != key) return;
            Volatile.Write(ref _items[slot], null);
            Volatile.Write(ref _keys[slot], 0);
            _free.Push((int)slot);
        }
    }

    /// <summary>The item an event's key names, or null when that use of the slot has ended (a late event). Lock-free: the loop calls it per event.</summary>
    public T? Find(ulong key)
    {
        var (items, keys) = (Volatile.Read(ref _items), Volatile.Read(ref _keys));
        var slot = (uint)key;
        if (slot >= (uint)items.Length || slot >= (uint)keys.Length) return null;
        var item = Volatile.Read(ref items[slot]);
        return item is not null && Volatile.Read(ref keys[slot]) == key ? item : null;
    }

    private void Grow()
    {
        var (items, keys) = (new T?[_items.Length * 2], new ulong[_keys.Length * 2]);
        _items.CopyTo(items, 0);
        _keys.CopyTo(keys, 0);
        for (var i = items.Length - 1; i >= _items.Length; i--) _free.Push(i);
        Volatile.Write(ref _keys, keys);
        Volatile.Write(ref _items, items);
    }
}

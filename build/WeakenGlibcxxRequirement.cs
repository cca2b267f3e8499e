using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// Marks one GLIBCXX version requirement of an ELF64 shared library as weak (VER_FLG_WEAK)
/// by a two-byte in-place edit of its .gnu.version_r section. Idempotent.
public class WeakenGlibcxxRequirement : Task
{
    [Required] public string Library { get; set; }
    [Required] public string SystemLibStdCxx { get; set; }
    [Required] public string VersionName { get; set; }

    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        if (File.Exists(SystemLibStdCxx) && Contains(File.ReadAllBytes(SystemLibStdCxx), VersionName + "\0"))
        {
            Log.LogMessage(MessageImportance.Low, "{0} provides {1}; {2} left as is.", SystemLibStdCxx, VersionName, Library);
            return true;
        }
        var elf = File.ReadAllBytes(Library);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2)
        {
            Log.LogError("{0} is not an ELF64 file.", Library);
            return false;
        }
        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int sh = (int)shoff + i * shentsize;
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            int verneed = (int)BitConverter.ToUInt64(elf, sh + 24);
            int strtabIndex = (int)BitConverter.ToUInt32(elf, sh + 40);
            int entries = (int)BitConverter.ToUInt32(elf, sh + 44);
            int strtab = (int)BitConverter.ToUInt64(elf, (int)shoff + strtabIndex * shentsize + 24);
            return PatchVerneed(elf, verneed, entries, strtab);
        }
        Log.LogWarning("{0} has no .gnu.version_r section.", Library);
        return true;
    }

    bool PatchVerneed(byte[] elf, int verneed, int entries, int strtab)
    {
        int vn = verneed;
        for (int e = 0; e < entries; e++)
        {
            int count = BitConverter.ToUInt16(elf, vn + 2);
            int aux = vn + (int)BitConverter.ToUInt32(elf, vn + 8);
            for (int a = 0; a < count; a++)
            {
                string name = ReadCString(elf, strtab + (int)BitConverter.ToUInt32(elf, aux + 8));
                if (name == VersionName)
                {
                    ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                    if ((flags & VerFlgWeak) != 0) return true;
                    flags |= VerFlgWeak;
                    using (var file = new FileStream(Library, FileMode.Open, FileAccess.Write))
                    {
                        file.Position = aux + 4;
                        file.Write(BitConverter.GetBytes(flags), 0, 2);
                    }
                    Log.LogMessage(MessageImportance.High, "Marked {0} weak in {1}.", VersionName, Library);
                    return true;
                }
                aux += (int)BitConverter.ToUInt32(elf, aux + 12);
            }
            vn += (int)BitConverter.ToUInt32(elf, vn + 12);
        }
        Log.LogMessage(MessageImportance.Low, "{0} does not require {1}.", Library, VersionName);
        return true;
    }

    static string ReadCString(byte[] data, int start)
    {
        int end = start;
        while (end < data.Length && data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, start, end - start);
    }

    static bool Contains(byte[] haystack, string needle)
    {
        var pattern = Encoding.ASCII.GetBytes(needle);
        for (int i = 0; i + pattern.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }
}
